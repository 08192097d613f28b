// ClientRequestToken, per the API reference of TransactWriteItems
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken).
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { canonicalJson, TOKEN_WINDOW_MS } from './client-request-tokens.ts';
import { startEmulatedTable } from './test-fixtures/emulated-table.ts';

async function setUp(t: TestContext) {
  const clock = { now: Date.UTC(2030, 0, 1) };
  const { tableName, db, get } = await startEmulatedTable(t, { now: () => clock.now });
  const add = (token: string, PK = 'counter', by = 1) =>
    db.send(
      new TransactWriteCommand({
        ClientRequestToken: token,
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: { PK, SK: 'ITEM' },
              UpdateExpression: 'ADD n :by',
              ExpressionAttributeValues: { ':by': by },
            },
          },
        ],
      }),
    );
  const count = async (PK = 'counter') => (await get(PK))?.['n'];
  return { clock, tableName, db, add, count };
}

test('canonical JSON ignores the order of object keys, not of lists', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, 1], c: null } }), canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }));
  assert.notEqual(canonicalJson({ a: [1, 2] }), canonicalJson({ a: [2, 1] }));
});

test('the same token with the same request succeeds again without applying twice', async (t) => {
  const { add, count } = await setUp(t);
  await add('token-1');
  const replay = await add('token-1');
  assert.equal(replay.$metadata.httpStatusCode, 200);
  assert.equal(await count(), 1);
  // Concurrent identical calls, as an SDK retry racing its original: still applied once.
  await Promise.all(Array.from({ length: 5 }, () => add('token-2')));
  assert.equal(await count(), 2);
});

test('the same token with a different request is IdempotentParameterMismatchException (400) and applies nothing', async (t) => {
  const { add, count } = await setUp(t);
  await add('token-1', 'counter', 1);
  await assert.rejects(add('token-1', 'counter', 5), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, 'IdempotentParameterMismatchException');
    assert.equal(error.$metadata?.httpStatusCode, 400);
    return true;
  });
  await assert.rejects(add('token-1', 'other'), { name: 'IdempotentParameterMismatchException' });
  assert.equal(await count(), 1);
  assert.equal(await count('other'), undefined);
});

test('after 10 minutes a token is forgotten and the request is new again', async (t) => {
  const { clock, add, count } = await setUp(t);
  await add('token-1');
  clock.now += TOKEN_WINDOW_MS - 1000;
  await add('token-1');
  assert.equal(await count(), 1, 'still inside the window');
  clock.now += 2000;
  await add('token-1');
  assert.equal(await count(), 2, 'treated as a new request');
  await assert.rejects(add('token-1', 'counter', 7), { name: 'IdempotentParameterMismatchException' });
});

test('a cancelled transaction does not claim its token', async (t) => {
  const { tableName, db, add, count } = await setUp(t);
  const guarded = () =>
    db.send(
      new TransactWriteCommand({
        ClientRequestToken: 'token-guarded',
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: { PK: 'counter', SK: 'ITEM' },
              UpdateExpression: 'ADD n :one',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );
  await assert.rejects(guarded(), { name: 'TransactionCanceledException' });
  await add('token-other');
  await guarded();
  assert.equal(await count(), 2);
});

test('a token longer than 36 characters is a ValidationException', async (t) => {
  const { add, count } = await setUp(t);
  await assert.rejects(add('x'.repeat(37)), { name: 'ValidationException' });
  assert.equal(await count(), undefined);
  await add('x'.repeat(36));
  assert.equal(await count(), 1);
});
