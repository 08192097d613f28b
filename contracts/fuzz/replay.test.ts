import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadContractDocument } from './contract-document.ts';
import { invalidRequests } from './invalid-requests.ts';
import { findOperation, fuzzOperations } from './operations.ts';
import { fuzzParameters } from './replay.ts';

const operation = findOperation(fuzzOperations(loadContractDocument()), 'listDisputes');

test('run settings from strings', () => {
  assert.deepEqual(fuzzParameters({}), { numRuns: 50 });
  assert.deepEqual(fuzzParameters({ runs: '200' }, 10), { numRuns: 200 });
  assert.deepEqual(fuzzParameters({ seed: '-12', path: '3:1:0' }), { numRuns: 50, seed: -12, path: '3:1:0', endOnFailure: true });
  assert.throws(() => fuzzParameters({ path: '3:1' }), /needs the seed/);
  assert.throws(() => fuzzParameters({ seed: 'abc' }), /seed must be an integer/);
});

test("a failure's seed and path replay the same request", () => {
  // A property that fails on some invalid requests, as a server answering 500 would.
  const failsOn = (request: { invalid: { category: string } }) => request.invalid.category !== 'wrong-type';
  const first = fc.check(fc.property(invalidRequests(operation), failsOn), { seed: 1234, numRuns: 300 });
  assert.ok(first.failed && first.counterexample && first.counterexamplePath);
  const replay = fc.check(
    fc.property(invalidRequests(operation), failsOn),
    fuzzParameters({ seed: String(first.seed), path: first.counterexamplePath }),
  );
  assert.equal(replay.numRuns, 1);
  assert.deepEqual(replay.counterexample, first.counterexample);
});
