import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contractOperations, operationOf } from '../../contracts/contract-operations.ts';
import { contractCoverage } from './contract-coverage.ts';

const operations = contractOperations();

test('a concrete path is matched to its operation by method and template', () => {
  assert.equal(operationOf(operations, 'GET', '/disputes/42')?.operationId, 'getDispute');
  assert.equal(operationOf(operations, 'post', '/disputes/42/messages')?.operationId, 'sendDisputeMessage');
  assert.equal(operationOf(operations, 'GET', '/disputes/42/messages/7'), undefined);
  assert.equal(operationOf(operations, 'DELETE', '/disputes/42'), undefined);
});

test('calls are counted per documented status; an operation never called has 0 calls', () => {
  const { rows, unmatched } = contractCoverage(operations, [
    { method: 'GET', path: '/disputes/1', status: 200 },
    { method: 'GET', path: '/disputes/2', status: 200 },
    { method: 'GET', path: '/disputes/x', status: 400 },
    { method: 'GET', path: '/disputes/3', status: 418 },
    { method: 'GET', path: '/nope', status: 404 },
  ]);
  const get = rows.find((row) => row.operationId === 'getDispute')!;
  assert.equal(get.calls, 4);
  assert.equal(get.documented['200'], 2);
  assert.equal(get.documented['400'], 1);
  assert.equal(get.documented['404'], 0);
  assert.deepEqual(get.undocumented, { '418': 1 });
  assert.equal(get.exercised, 4);
  assert.equal(rows.find((row) => row.operationId === 'acceptResolution')!.calls, 0);
  assert.equal(rows.length, operations.length);
  assert.deepEqual([...unmatched], [['GET /nope → 404', 1]]);
});

test("an operation that only ever got the authorizer's 401 is not exercised", () => {
  const { rows } = contractCoverage(operations, [
    { method: 'POST', path: '/disputes/1/accept', status: 401 },
    { method: 'POST', path: '/disputes/1/accept', status: 401 },
    { method: 'POST', path: '/disputes/1/mediate', status: 409 },
  ]);
  const accept = rows.find((row) => row.operationId === 'acceptResolution')!;
  assert.equal(accept.calls, 2);
  assert.equal(accept.exercised, 0);
  assert.equal(rows.find((row) => row.operationId === 'requestMediation')!.exercised, 1);
});
