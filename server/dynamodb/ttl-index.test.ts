// The expiry index follows every way an item's TTL can be set, changed or
// removed, and is built for items that were there before: each test writes
// through the emulator's front with the SDK and watches the sweeper act on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '../local-aws.ts';
import { createTable } from './create-table.ts';
import { startDynamoDb } from './start-dynamodb.ts';
import { startEmulatedTable } from './test-fixtures/emulated-table.ts';
import { SAMPLE_TABLE_FILE } from '../test-fixtures/sample-definitions.ts';

const INTERVAL_MS = 20;
const START = Date.UTC(2030, 0, 1);
const START_SECONDS = START / 1000;

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(INTERVAL_MS);
  }
}

async function emulatedTable(t: Parameters<typeof startEmulatedTable>[0]) {
  const clock = { now: START };
  const table = await startEmulatedTable(t, { now: () => clock.now, ttlSweepIntervalMs: INTERVAL_MS });
  const gone = async (PK: string) => (await table.get(PK)) === undefined;
  /** Moves the clock to `seconds` and waits until a sweep has run past it: a sibling put to expire then is deleted. */
  const passTime = async (seconds: number) => {
    const sibling = `sibling-${seconds}`;
    await table.put({ PK: sibling, expires_at: seconds - 1 });
    clock.now = seconds * 1000;
    await until(() => gone(sibling), `a sweep ran at ${seconds}`);
  };
  return { ...table, gone, passTime };
}

test('an item whose TTL is set by UpdateItem, by a TransactWriteItems Put or Update, or by BatchWriteItem is swept', async (t) => {
  const { tableName, db, put, gone, passTime } = await emulatedTable(t);
  const due = START_SECONDS + 10;
  await put({ PK: 'updated' });
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { PK: 'updated', SK: 'ITEM' },
      UpdateExpression: 'SET #ttl = :t',
      ExpressionAttributeNames: { '#ttl': 'expires_at' },
      ExpressionAttributeValues: { ':t': due },
    }),
  );
  await put({ PK: 'transaction-updated' });
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName, Item: { PK: 'transaction-put', SK: 'ITEM', expires_at: due } } },
        {
          Update: {
            TableName: tableName,
            Key: { PK: 'transaction-updated', SK: 'ITEM' },
            UpdateExpression: 'SET expires_at = :t',
            ExpressionAttributeValues: { ':t': due },
          },
        },
      ],
    }),
  );
  await db.send(
    new BatchWriteCommand({
      RequestItems: {
        [tableName]: [
          { PutRequest: { Item: { PK: 'batch-1', SK: 'ITEM', expires_at: due } } },
          { PutRequest: { Item: { PK: 'batch-2', SK: 'ITEM', expires_at: due } } },
        ],
      },
    }),
  );

  await passTime(due + 1);
  for (const PK of ['updated', 'transaction-put', 'transaction-updated', 'batch-1', 'batch-2']) {
    assert.equal(await gone(PK), true, `${PK} is swept`);
  }
});

test('an item whose TTL UpdateItem removed is kept; one whose TTL it pushed later goes at the later time', async (t) => {
  const { tableName, db, put, get, gone, passTime } = await emulatedTable(t);
  const first = START_SECONDS + 10;
  const later = START_SECONDS + 100;
  await put({ PK: 'removed', expires_at: first });
  await put({ PK: 'pushed', expires_at: first });
  await put({ PK: 'pushed-in-transaction', expires_at: first });
  await db.send(new UpdateCommand({ TableName: tableName, Key: { PK: 'removed', SK: 'ITEM' }, UpdateExpression: 'REMOVE expires_at' }));
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { PK: 'pushed', SK: 'ITEM' },
      UpdateExpression: 'SET expires_at = :t',
      ExpressionAttributeValues: { ':t': later },
    }),
  );
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: { PK: 'pushed-in-transaction', SK: 'ITEM' },
            UpdateExpression: 'SET expires_at = :t',
            ExpressionAttributeValues: { ':t': later },
          },
        },
      ],
    }),
  );

  await passTime(first + 1);
  assert.ok(await get('removed'));
  assert.equal((await get('pushed'))?.expires_at, later);
  assert.equal((await get('pushed-in-transaction'))?.expires_at, later);

  await passTime(later + 1);
  assert.equal(await gone('pushed'), true);
  assert.equal(await gone('pushed-in-transaction'), true);
  assert.ok(await get('removed'));
});

test('a write that fails leaves the index as it was: the item still goes at the TTL it holds', async (t) => {
  const { tableName, db, put, gone, passTime } = await emulatedTable(t);
  const due = START_SECONDS + 10;
  const never = START_SECONDS + 1_000_000;
  await put({ PK: 'kept-ttl', expires_at: due });
  await assert.rejects(
    db.send(
      new PutCommand({
        TableName: tableName,
        Item: { PK: 'kept-ttl', SK: 'ITEM', expires_at: never },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
    { name: 'ConditionalCheckFailedException' },
  );
  await assert.rejects(
    db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { PK: 'kept-ttl', SK: 'ITEM', expires_at: never } } },
          { ConditionCheck: { TableName: tableName, Key: { PK: 'missing', SK: 'ITEM' }, ConditionExpression: 'attribute_exists(PK)' } },
        ],
      }),
    ),
    { name: 'TransactionCanceledException' },
  );
  await passTime(due + 1);
  assert.equal(await gone('kept-ttl'), true);
});

test('items written before TTL was enabled are found by the index build, and none are deleted while TTL is off', async (t) => {
  const clock = { now: START };
  const dynamo = await startDynamoDb({ now: () => clock.now, ttlSweepIntervalMs: INTERVAL_MS });
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  const db = DynamoDBDocumentClient.from(client);
  t.after(async () => {
    client.destroy();
    await dynamo.stop();
  });
  const TableName = 'before-ttl';
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    }),
  );
  const exists = async (id: string) => (await db.send(new GetCommand({ TableName, Key: { id } }))).Item !== undefined;
  for (let i = 0; i < 30; i++) await db.send(new PutCommand({ TableName, Item: { id: `due-${i}`, gone_at: START_SECONDS - 1 } }));
  await db.send(new PutCommand({ TableName, Item: { id: 'later', gone_at: START_SECONDS + 3600 } }));
  await sleep(INTERVAL_MS * 5);
  assert.equal(await exists('due-0'), true, 'kept while TTL is disabled');

  await client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: 'gone_at', Enabled: true } }));
  for (let i = 0; i < 30; i++) await until(async () => !(await exists(`due-${i}`)), `due-${i} is swept`);
  assert.equal(await exists('later'), true);

  await client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: 'gone_at', Enabled: false } }));
  clock.now += 3601 * 1000;
  await sleep(INTERVAL_MS * 5);
  assert.equal(await exists('later'), true, 'kept once TTL is disabled again');
});

test('with a data dir, items written before a restart expire after it', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-ttl-index-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const clock = { now: START };
  const open = async () => {
    const dynamo = await startDynamoDb({ dataDir, now: () => clock.now, ttlSweepIntervalMs: INTERVAL_MS });
    const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
    const db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(dynamo.endpoint)));
    const close = async () => {
      db.destroy();
      await dynamo.stop();
    };
    const exists = async (PK: string) =>
      (await db.send(new GetCommand({ TableName: tableName, Key: { PK, SK: 'ITEM' } }))).Item !== undefined;
    return { tableName, db, close, exists };
  };

  const first = await open();
  await first.db.send(new PutCommand({ TableName: first.tableName, Item: { PK: 'session', SK: 'ITEM', expires_at: START_SECONDS + 60 } }));
  await first.db.send(
    new PutCommand({ TableName: first.tableName, Item: { PK: 'lasting', SK: 'ITEM', expires_at: START_SECONDS + 3600 } }),
  );
  await first.close();

  clock.now += 61 * 1000;
  const second = await open();
  t.after(second.close);
  await until(async () => !(await second.exists('session')), 'the session written before the restart is swept');
  assert.equal(await second.exists('lasting'), true);
});
