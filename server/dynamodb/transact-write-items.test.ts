import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { startEmulatedTable } from './test-fixtures/emulated-table.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

async function setUp(t: TestContext) {
  return startEmulatedTable(t);
}

test('Put, Update, Delete and ConditionCheck succeed together', async (t) => {
  const { tableName, db, get, put } = await setUp(t);
  await put({ PK: 'counter', value: 1 });
  await put({ PK: 'old', note: 'to delete' });
  await put({ PK: 'guard', status: 'open' });

  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { PK: 'new', SK: 'ITEM', a: 1 }, ConditionExpression: 'attribute_not_exists(PK)' } },
        {
          Update: {
            TableName: tableName,
            Key: { PK: 'counter', SK: 'ITEM' },
            UpdateExpression: 'ADD #v :one',
            ExpressionAttributeNames: { '#v': 'value' },
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
        { Delete: { TableName: tableName, Key: { PK: 'old', SK: 'ITEM' }, ConditionExpression: 'attribute_exists(PK)' } },
        {
          ConditionCheck: {
            TableName: tableName,
            Key: { PK: 'guard', SK: 'ITEM' },
            ConditionExpression: '#s = :open',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':open': 'open' },
          },
        },
        { ConditionCheck: { TableName: tableName, Key: { PK: 'absent', SK: 'ITEM' }, ConditionExpression: 'attribute_not_exists(PK)' } },
      ],
    }),
  );

  assert.deepEqual(await get('new'), { PK: 'new', SK: 'ITEM', a: 1 });
  assert.equal((await get('counter'))?.value, 2);
  assert.equal(await get('old'), undefined);
  assert.deepEqual(await get('guard'), { PK: 'guard', SK: 'ITEM', status: 'open' });
  assert.equal(await get('absent'), undefined, 'a ConditionCheck leaves no item behind');
});

test('a failed condition cancels everything and lists reasons in order', async (t) => {
  const { tableName, client, get, put } = await setUp(t);
  await put({ PK: 'a', balance: 5 });
  await put({ PK: 'b', balance: 0 });
  await put({ PK: 'gone', x: 1 });

  const attempt = client.send(
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: { PK: { S: 'a' }, SK: { S: 'ITEM' } },
            UpdateExpression: 'SET balance = :v',
            ExpressionAttributeValues: { ':v': { N: '99' } },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { PK: { S: 'b' }, SK: { S: 'ITEM' }, balance: { N: '1' } },
            ConditionExpression: 'attribute_not_exists(PK)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        { Delete: { TableName: tableName, Key: { PK: { S: 'gone' }, SK: { S: 'ITEM' } } } },
        { Put: { TableName: tableName, Item: { PK: { S: 'fresh' }, SK: { S: 'ITEM' } } } },
        {
          ConditionCheck: {
            TableName: tableName,
            Key: { PK: { S: 'missing' }, SK: { S: 'ITEM' } },
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
      ],
    }),
  );
  const error = await attempt.then(
    () => assert.fail('the transaction should have been cancelled'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof TransactionCanceledException);
  assert.equal(error.name, 'TransactionCanceledException');
  assert.equal(error.$metadata.httpStatusCode, 400);
  assert.deepEqual(
    error.CancellationReasons?.map((reason) => reason.Code),
    ['None', 'ConditionalCheckFailed', 'None', 'None', 'ConditionalCheckFailed'],
  );
  assert.deepEqual(error.CancellationReasons?.[1]?.Item, { PK: { S: 'b' }, SK: { S: 'ITEM' }, balance: { N: '0' } });
  assert.equal(error.CancellationReasons?.[4]?.Item, undefined, 'no Item without ALL_OLD');

  assert.equal((await get('a'))?.balance, 5);
  assert.equal((await get('b'))?.balance, 0);
  assert.deepEqual(await get('gone'), { PK: 'gone', SK: 'ITEM', x: 1 });
  assert.equal(await get('fresh'), undefined);
});

test('a request error in one action fails the call and leaves nothing behind', async (t) => {
  const { tableName, db, get } = await setUp(t);
  const attempt = db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { PK: 'first', SK: 'ITEM' } } },
        { Update: { TableName: tableName, Key: { PK: 'second', SK: 'ITEM' }, UpdateExpression: 'SET a = :unknown' } },
      ],
    }),
  );
  await assert.rejects(attempt, { name: 'ValidationException' });
  assert.equal(await get('first'), undefined);
});

test('AWS request limits: 1 to 100 actions, one action per item', async (t) => {
  const { tableName, db } = await setUp(t);
  const put = (PK: string): TransactItem => ({ Put: { TableName: tableName, Item: { PK, SK: 'ITEM' } } });

  await assert.rejects(db.send(new TransactWriteCommand({ TransactItems: [] })), { name: 'ValidationException' });
  const tooMany = Array.from({ length: 101 }, (_, i) => put(`item-${i}`));
  await assert.rejects(db.send(new TransactWriteCommand({ TransactItems: tooMany })), { name: 'ValidationException' });
  await db.send(new TransactWriteCommand({ TransactItems: tooMany.slice(0, 100) }));

  const sameItem: TransactItem[] = [
    put('dup'),
    { ConditionCheck: { TableName: tableName, Key: { PK: 'dup', SK: 'ITEM' }, ConditionExpression: 'attribute_not_exists(PK)' } },
  ];
  await assert.rejects(db.send(new TransactWriteCommand({ TransactItems: sameItem })), {
    name: 'ValidationException',
    message: 'Transaction request cannot include multiple operations on one item',
  });
  await assert.rejects(
    db.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'no-such-table', Item: { PK: 'x', SK: 'y' } } }] })),
    { name: 'ResourceNotFoundException' },
  );
});

test('concurrent conditional transfers conserve the total', async (t) => {
  const { tableName, db, get, put } = await setUp(t);
  await put({ PK: 'alice', balance: 30 });
  await put({ PK: 'bob', balance: 0 });

  const transfer = () =>
    db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: { PK: 'alice', SK: 'ITEM' },
              UpdateExpression: 'SET balance = balance - :one',
              ConditionExpression: 'balance >= :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: { PK: 'bob', SK: 'ITEM' },
              UpdateExpression: 'SET balance = balance + :one',
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ],
      }),
    );
  const results = await Promise.allSettled(Array.from({ length: 50 }, transfer));
  const succeeded = results.filter((result) => result.status === 'fulfilled').length;
  const cancelled = results.filter(
    (result) => result.status === 'rejected' && result.reason instanceof TransactionCanceledException,
  ).length;

  assert.equal(succeeded, 30);
  assert.equal(cancelled, 20);
  assert.equal((await get('alice'))?.balance, 0);
  assert.equal((await get('bob'))?.balance, 30);
});
