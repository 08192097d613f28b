// What TransactWriteItems refuses instead of dropping, per the API reference
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { startEmulatedTable } from './test-fixtures/emulated-table.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

async function setUp(t: TestContext) {
  const { tableName, client, db, get } = await startEmulatedTable(t);
  return { tableName, client, db, get };
}

/** The SDK has no legacy members on transaction actions, so they are added to the serialized body. */
function withExtraMembers(client: DynamoDBClient, extra: Record<string, unknown>): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { body: string; headers: Record<string, string> };
      const body = JSON.parse(request.body) as { TransactItems?: Record<string, Record<string, unknown>>[] };
      for (const entry of body.TransactItems ?? []) for (const action of Object.values(entry)) Object.assign(action, extra);
      request.body = JSON.stringify(body);
      request.headers['content-length'] = String(Buffer.byteLength(request.body));
      return next(args);
    },
    { step: 'build', name: 'addLegacyMembers' },
  );
}

for (const [name, value] of [
  ['Expected', { balance: { Value: { N: '1' } } }],
  ['AttributeUpdates', { balance: { Action: 'PUT', Value: { N: '2' } } }],
  ['ConditionalOperator', 'AND'],
] as const) {
  test(`legacy parameter ${name} inside a transaction action is a ValidationException, not dropped`, async (t) => {
    const { tableName, client, db, get } = await setUp(t);
    withExtraMembers(client, { [name]: value });
    const attempt = db.send(
      new TransactWriteCommand({ TransactItems: [{ Put: { TableName: tableName, Item: { PK: 'a', SK: 'ITEM' } } }] }),
    );
    await assert.rejects(attempt, { name: 'ValidationException' });
    assert.equal(await get('a'), undefined);
  });
}

test('the aggregate size of the items may reach 4 MB but not exceed it (ValidationException)', async (t) => {
  const { tableName, db, get } = await setUp(t);
  const payload = 'x'.repeat(390 * 1024);
  const puts = (count: number, prefix: string): TransactItem[] =>
    Array.from({ length: count }, (_, i) => ({ Put: { TableName: tableName, Item: { PK: `${prefix}${i}`, SK: 'ITEM', payload } } }));

  await db.send(new TransactWriteCommand({ TransactItems: puts(10, 'fits-') }));
  assert.equal((await get('fits-9'))?.payload.length, payload.length);

  await assert.rejects(db.send(new TransactWriteCommand({ TransactItems: puts(11, 'big-') })), { name: 'ValidationException' });
  assert.equal(await get('big-0'), undefined);
});

test('ReturnValuesOnConditionCheckFailure other than ALL_OLD or NONE is a ValidationException', async (t) => {
  const { tableName, db, get } = await setUp(t);
  const put = (value: string) =>
    db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { PK: 'a', SK: 'ITEM' }, ReturnValuesOnConditionCheckFailure: value as 'ALL_OLD' } },
        ],
      }),
    );
  await assert.rejects(put('ALL_NEW'), { name: 'ValidationException' });
  await assert.rejects(put('UPDATED_OLD'), { name: 'ValidationException' });
  assert.equal(await get('a'), undefined);
  await put('NONE');
  await put('ALL_OLD');
  assert.deepEqual(await get('a'), { PK: 'a', SK: 'ITEM' });
});
