import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DISPUTE_PRIORITIES, DISPUTE_REASONS } from '../domain/dispute.ts';
import { HttpProblem, ValidationProblem } from '../problems/problem.ts';
import { createDisputeRequest } from './create-dispute-request.ts';
import { parseRequest } from '../http/parse-request.ts';

const post = (body: unknown) =>
  parseRequest(
    { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), isBase64Encoded: false },
    createDisputeRequest,
  );

async function pathsOf(body: unknown): Promise<string[]> {
  try {
    await post(body);
  } catch (error) {
    if (error instanceof ValidationProblem) return error.errors.map((item) => item.path).sort();
    if (error instanceof HttpProblem) return [error.code];
    throw error;
  }
  return [];
}

test('accepts what the mobile app sends', async () => {
  assert.deepEqual((await post({ project: 123, reason: 'quality', description: 'Test dispute' })).body, {
    project: 123,
    reason: 'quality',
    description: 'Test dispute',
  });
  const withStrings = (await post({ project: '123', reason: 'payment', description: 'x', amount_disputed: '150' })).body;
  assert.equal(withStrings.project, 123);
  assert.equal(withStrings.amount_disputed, '150.00');
  assert.equal((await post({ project: 1, reason: 'other', description: 'x', amount_disputed: 99.5 })).body.amount_disputed, '99.50');
});

test('every reason and priority of the domain is accepted, and nothing else', async () => {
  for (const reason of DISPUTE_REASONS) {
    for (const priority of DISPUTE_PRIORITIES) assert.deepEqual(await pathsOf({ project: 1, reason, description: 'x', priority }), []);
  }
  assert.deepEqual(await pathsOf({ project: 1, reason: 'boredom', description: 'x', priority: 'asap' }), ['body.priority', 'body.reason']);
});

test('each invalid field is named, unknown fields included', async () => {
  assert.deepEqual(await pathsOf({ project: 0, reason: 'boredom', description: '', extra: 1, amount_disputed: 1.234 }), [
    'body.amount_disputed',
    'body.description',
    'body.extra',
    'body.project',
    'body.reason',
  ]);
  assert.deepEqual(await pathsOf({ project: '99999999999999999', reason: 'quality', description: 'x' }), ['body.project']);
  assert.deepEqual(await pathsOf({ project: 1, reason: 'quality', description: 'x', amount_disputed: -5 }), ['body.amount_disputed']);
});
