import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationProblem } from './problem.ts';
import { disputeIdFrom, disputeListQueryFrom, ifMatchVersionFrom } from './request-params.ts';

const pathOfProblem = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationProblem) return error.errors.map((e) => e.path);
    throw error;
  }
  return [];
};

test('path id must be a positive integer', () => {
  assert.equal(disputeIdFrom({ pathParameters: { id: '42' } }), 42);
  for (const id of ['0', '-1', 'abc', '1.5', '01', '', '99999999999999999']) {
    assert.deepEqual(pathOfProblem(() => disputeIdFrom({ pathParameters: { id } })), ['path.id'], id);
  }
});

test('list query: limit 1..100 (default 20), status enum, cursor', () => {
  assert.deepEqual(disputeListQueryFrom({}), { limit: 20, cursor: undefined, status: undefined });
  assert.deepEqual(disputeListQueryFrom({ queryStringParameters: { limit: '100', status: 'open', cursor: 'c' } }), {
    limit: 100,
    cursor: 'c',
    status: 'open',
  });
  assert.deepEqual(pathOfProblem(() => disputeListQueryFrom({ queryStringParameters: { limit: '0' } })), ['query.limit']);
  assert.deepEqual(pathOfProblem(() => disputeListQueryFrom({ queryStringParameters: { limit: '101', status: 'lost' } })), [
    'query.limit',
    'query.status',
  ]);
  assert.deepEqual(pathOfProblem(() => disputeListQueryFrom({ queryStringParameters: { cursor: 'x'.repeat(2049) } })), ['query.cursor']);
});

test('If-Match accepts 3, "3" and W/"3"', () => {
  assert.equal(ifMatchVersionFrom({ headers: {} }), undefined);
  assert.equal(ifMatchVersionFrom({ headers: { 'if-match': '3' } }), 3);
  assert.equal(ifMatchVersionFrom({ headers: { 'if-match': '"3"' } }), 3);
  assert.equal(ifMatchVersionFrom({ headers: { 'if-match': 'W/"3"' } }), 3);
  assert.equal(ifMatchVersionFrom({ headers: { 'if-match': '*' } }), undefined);
  assert.deepEqual(pathOfProblem(() => ifMatchVersionFrom({ headers: { 'if-match': '"3", "4"' } })), ['header.if-match']);
  assert.deepEqual(pathOfProblem(() => ifMatchVersionFrom({ headers: { 'if-match': 'abc' } })), ['header.if-match']);
});
