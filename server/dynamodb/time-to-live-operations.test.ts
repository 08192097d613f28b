// UpdateTimeToLive / DescribeTimeToLive, per
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../local-aws.ts';
import { startDynamoDb } from './start-dynamodb.ts';

const TABLE = 'ttl-table';

async function open(dataDir?: string) {
  const dynamo = await startDynamoDb(dataDir ? { dataDir } : {});
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  const close = async () => {
    client.destroy();
    await dynamo.stop();
  };
  const status = async (TableName = TABLE) => (await client.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription;
  const update = (Enabled: boolean, AttributeName = 'expires_at') =>
    client.send(new UpdateTimeToLiveCommand({ TableName: TABLE, TimeToLiveSpecification: { AttributeName, Enabled } }));
  const createTable = () =>
    client.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
      }),
    );
  return { client, close, status, update, createTable };
}

test('TTL starts DISABLED, is ENABLED on an attribute, and UpdateTimeToLive is not idempotent', async (t) => {
  const db = await open();
  t.after(db.close);
  await db.createTable();
  assert.deepEqual(await db.status(), { TimeToLiveStatus: 'DISABLED' });

  const enabled = await db.update(true);
  assert.deepEqual(enabled.TimeToLiveSpecification, { AttributeName: 'expires_at', Enabled: true });
  assert.deepEqual(await db.status(), { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at' });
  await assert.rejects(db.update(true), { name: 'ValidationException' });
  await assert.rejects(db.update(true, 'other'), { name: 'ValidationException' });

  const disabled = await db.update(false);
  assert.deepEqual(disabled.TimeToLiveSpecification, { AttributeName: 'expires_at', Enabled: false });
  assert.deepEqual(await db.status(), { TimeToLiveStatus: 'DISABLED' });
  await assert.rejects(db.update(false), { name: 'ValidationException' });
});

test('TTL of a missing table is ResourceNotFoundException; a table created again starts DISABLED', async (t) => {
  const db = await open();
  t.after(db.close);
  await assert.rejects(db.status('missing'), { name: 'ResourceNotFoundException' });
  await assert.rejects(db.update(true), { name: 'ResourceNotFoundException' });

  await db.createTable();
  await db.update(true);
  await db.client.send(new DeleteTableCommand({ TableName: TABLE }));
  // Creation times have a millisecond resolution; a new table needs a later one.
  await new Promise((resolve) => setTimeout(resolve, 5));
  await db.createTable();
  assert.deepEqual(await db.status(), { TimeToLiveStatus: 'DISABLED' });
});

test('the TTL setting is kept in the data dir across a restart', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-ttl-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const first = await open(dataDir);
  await first.createTable();
  await first.update(true, 'gone_at');
  await first.close();

  const second = await open(dataDir);
  t.after(second.close);
  assert.deepEqual(await second.status(), { TimeToLiveStatus: 'ENABLED', AttributeName: 'gone_at' });
});
