// Idempotency-Key handling against the real idempotency store on an emulated table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ALICE, BOB } from '../domain/dispute-fixtures.ts';
import { emulatedStores } from '../use-cases/test-fixtures/emulated-stores.ts';
import { IdempotencyKeyReusedProblem, IdempotencyInProgressProblem } from '../problems/problem.ts';
import { idempotent } from './idempotency.ts';
import type { HttpEvent } from './with-http.ts';

const context = { getRemainingTimeInMillis: () => 10_000 } as Context;

function post(body: string, key = 'key-1'): HttpEvent {
  return {
    rawPath: '/disputes/1/messages',
    headers: { 'idempotency-key': key, 'content-type': 'application/json' },
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST' } },
  } as unknown as HttpEvent;
}

const answer = (statusCode: number, body: string) => async (): Promise<APIGatewayProxyStructuredResultV2> => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body,
});

test('the same key and request within 24 hours replays the first answer without running again', async (t) => {
  const { deps } = await emulatedStores(t);
  const first = await idempotent(deps, post('{"message":"hi"}'), context, ALICE, answer(201, '{"id":1}'));
  const replay = await idempotent(deps, post('{"message":"hi"}'), context, ALICE, () => assert.fail('must not run twice'));
  assert.equal(first.statusCode, 201);
  assert.deepEqual(replay, {
    statusCode: 201,
    headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
    body: '{"id":1}',
  });
  // Keys are per caller.
  assert.equal((await idempotent(deps, post('{"message":"hi"}'), context, BOB, answer(201, '{"id":2}'))).body, '{"id":2}');
});

test('the same key with another request is a 422; while the first runs, a retry is a 409', async (t) => {
  const { deps } = await emulatedStores(t);
  await idempotent(deps, post('{"message":"hi"}'), context, ALICE, answer(201, '{"id":1}'));
  await assert.rejects(idempotent(deps, post('{"message":"bye"}'), context, ALICE, answer(201, '{}')), IdempotencyKeyReusedProblem);

  let release!: () => void;
  const running = idempotent(deps, post('{"message":"slow"}', 'key-2'), context, ALICE, async () => {
    await new Promise<void>((resolve) => (release = resolve));
    return answer(201, '{"id":3}')();
  });
  await assert.rejects(async () => {
    // Wait for the first request's claim to be written before retrying.
    while (!release) await new Promise((resolve) => setTimeout(resolve, 5));
    await idempotent(deps, post('{"message":"slow"}', 'key-2'), context, ALICE, answer(201, '{}'));
  }, IdempotencyInProgressProblem);
  release();
  assert.equal((await running).body, '{"id":3}');
});

test('a 5xx or a thrown error frees the key, so the request can be retried', async (t) => {
  const { deps } = await emulatedStores(t);
  await idempotent(deps, post('{}'), context, ALICE, answer(503, '{}'));
  await assert.rejects(idempotent(deps, post('{}'), context, ALICE, async () => assert.fail('boom')));
  assert.equal((await idempotent(deps, post('{}'), context, ALICE, answer(201, '{"ok":true}'))).body, '{"ok":true}');
});

test('after the 24-hour window (by the clock) the key is free again, even before the TTL sweep removes the record', async (t) => {
  const { deps, advanceClock } = await emulatedStores(t);
  await idempotent(deps, post('{"message":"hi"}'), context, ALICE, answer(201, '{"id":1}'));
  advanceClock(24 * 60 * 60 * 1000 + 1000);
  const later = await idempotent(deps, post('{"message":"other"}'), context, ALICE, answer(201, '{"id":9}'));
  assert.equal(later.body, '{"id":9}');
  assert.equal(later.headers?.['idempotent-replayed'], undefined);
});
