// Expired items disappear; the rules for what counts as expired follow
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html
// (top-level Number, epoch seconds, no more than five years in the past).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '../local-aws.ts';
import { createMutex } from './async-mutex.ts';
import { createTable } from './create-table.ts';
import { startDynamoDb } from './start-dynamodb.ts';
import { countingCaller } from './test-fixtures/counting-caller.ts';
import { startEmulatedTable } from './test-fixtures/emulated-table.ts';
import { createTimeToLiveSettings } from './time-to-live-settings.ts';
import { createTtlIndex } from './ttl-index.ts';
import { startTtlSweeper } from './ttl-sweeper.ts';
import { SAMPLE_TABLE_FILE } from '../test-fixtures/sample-definitions.ts';

const INTERVAL_MS = 20;

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await sleep(INTERVAL_MS);
  }
}

test('createTable enables TTL on the attribute table.json names', async (t) => {
  const dynamo = await startDynamoDb({});
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  t.after(async () => {
    client.destroy();
    await dynamo.stop();
  });
  const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  await createTable({ endpoint: dynamo.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  assert.deepEqual(TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at' });
});

test('the sweeper deletes items whose expires_at (epoch seconds) has passed, and only those', async (t) => {
  const clock = { now: Date.UTC(2030, 0, 1) };
  const { tableName, db } = await startEmulatedTable(t, { now: () => clock.now, ttlSweepIntervalMs: INTERVAL_MS });
  const seconds = () => Math.floor(clock.now / 1000);
  const put = (PK: string, extra: Record<string, unknown>) =>
    db.send(new PutCommand({ TableName: tableName, Item: { PK, SK: 'ITEM', ...extra } }));
  const exists = async (PK: string) =>
    (await db.send(new GetCommand({ TableName: tableName, Key: { PK, SK: 'ITEM' } }))).Item !== undefined;

  await put('expired', { expires_at: seconds() - 1 });
  await put('later', { expires_at: seconds() + 3600 });
  await put('now', { expires_at: seconds() });
  await put('string', { expires_at: String(seconds() - 100) });
  await put('nested', { data: { expires_at: seconds() - 100 } });
  await put('none', {});
  await put('milliseconds', { expires_at: clock.now });
  await put('six-years-ago', { expires_at: seconds() - 6 * 365 * 24 * 3600 });

  await until(async () => !(await exists('expired')), 'the expired item is gone');
  await sleep(INTERVAL_MS * 5);
  for (const PK of ['later', 'now', 'string', 'nested', 'none', 'milliseconds', 'six-years-ago']) {
    assert.equal(await exists(PK), true, `${PK} is kept`);
  }

  clock.now += 3601 * 1000;
  await until(async () => !(await exists('later')), 'the item expires when the clock passes it');
  assert.equal(await exists('now'), false);
  assert.equal(await exists('string'), true);
});

test('an item renewed before the sweep is kept', async (t) => {
  const clock = { now: Date.UTC(2030, 0, 1) };
  const { tableName, db } = await startEmulatedTable(t, { now: () => clock.now, ttlSweepIntervalMs: INTERVAL_MS });
  const seconds = Math.floor(clock.now / 1000);
  const put = (PK: string, expiresAt: number) =>
    db.send(new PutCommand({ TableName: tableName, Item: { PK, SK: 'ITEM', expires_at: expiresAt } }));
  const get = async (PK: string) => (await db.send(new GetCommand({ TableName: tableName, Key: { PK, SK: 'ITEM' } }))).Item;
  await put('session', seconds + 10);
  await put('session', seconds + 100);
  // Its sibling expires when the session would have: its deletion proves a sweep ran past that time.
  await put('sibling', seconds + 10);
  clock.now += 20_000;
  await until(async () => (await get('sibling')) === undefined, 'the sweeper deletes the expired sibling');
  assert.equal((await get('session'))?.expires_at, seconds + 100);
});

test('a pass touches only the due items: no Scan, one DeleteItem each, and nothing at all when none is due', async (t) => {
  const clock = { now: Date.UTC(2030, 0, 1) };
  const seconds = Math.floor(clock.now / 1000);
  // The emulator's own sweeper stays idle; the one under test has an index of its own over the same table.
  const { tableName, client, db } = await startEmulatedTable(t, { now: () => clock.now, ttlSweepIntervalMs: 3_600_000 });
  const items = [
    ...Array.from({ length: 300 }, (_, i) => ({ PK: `later-${i}`, SK: 'ITEM', expires_at: seconds + 3600 + i })),
    ...Array.from({ length: 300 }, (_, i) => ({ PK: `none-${i}`, SK: 'ITEM' })),
    ...Array.from({ length: 3 }, (_, i) => ({ PK: `due-${i}`, SK: 'ITEM', expires_at: seconds - 1 - i })),
  ];
  for (let start = 0; start < items.length; start += 25) {
    const batch = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: batch } }));
  }
  const operations: string[] = [];
  const call = countingCaller(client, operations);
  const index = createTtlIndex({ call, settings: createTimeToLiveSettings(), onError: (error) => assert.fail(String(error)) });
  await index.build(tableName, 'expires_at');
  assert.ok(operations.includes('Scan'), 'building the index scans');
  const sweeper = startTtlSweeper({ call, mutex: createMutex(), index, intervalMs: 3_600_000, now: () => clock.now });
  t.after(() => sweeper.stop());

  operations.length = 0;
  assert.equal(await sweeper.sweep(), 3);
  assert.deepEqual(operations, ['DeleteItem', 'DeleteItem', 'DeleteItem']);
  operations.length = 0;
  assert.equal(await sweeper.sweep(), 0);
  assert.deepEqual(operations, []);

  const { Count } = await db.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }));
  assert.equal(Count, 600);
});

test('a due key whose item was renewed behind the index is read again, kept, and deleted at its new time', async (t) => {
  const clock = { now: Date.UTC(2030, 0, 1) };
  const seconds = Math.floor(clock.now / 1000);
  const { tableName, client, put, get } = await startEmulatedTable(t, { now: () => clock.now, ttlSweepIntervalMs: 3_600_000 });
  await put({ PK: 'renewed', expires_at: seconds - 1 });
  const operations: string[] = [];
  const call = countingCaller(client, operations);
  const index = createTtlIndex({ call, settings: createTimeToLiveSettings(), onError: (error) => assert.fail(String(error)) });
  await index.build(tableName, 'expires_at');
  // Written through the front, so only the emulator's own index hears of it.
  await put({ PK: 'renewed', expires_at: seconds + 60 });
  const sweeper = startTtlSweeper({ call, mutex: createMutex(), index, intervalMs: 3_600_000, now: () => clock.now });
  t.after(() => sweeper.stop());

  operations.length = 0;
  assert.equal(await sweeper.sweep(), 0);
  assert.deepEqual(operations, ['DeleteItem', 'GetItem']);
  assert.equal((await get('renewed'))?.expires_at, seconds + 60);

  clock.now += 61_000;
  assert.equal(await sweeper.sweep(), 1);
  assert.equal(await get('renewed'), undefined);
});
