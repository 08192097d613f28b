import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localClientConfig } from '../local-aws.ts';
import { createTable } from './create-table.ts';
import { startDynamoDb } from './start-dynamodb.ts';
import { SAMPLE_TABLE_FILE } from '../test-fixtures/sample-definitions.ts';

function documentClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(endpoint)));
}

test('ordinary Put, Get and Query pass through to dynalite', async (t) => {
  const dynamo = await startDynamoDb({});
  t.after(() => dynamo.stop());
  assert.match(dynamo.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  const db = documentClient(dynamo.endpoint);
  t.after(() => db.destroy());

  await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'owner', SK: 'row-a', n: 1 } }));
  await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'owner', SK: 'row-b', n: 2 } }));
  await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'owner', SK: 'other', n: 3 } }));

  const got = await db.send(new GetCommand({ TableName: tableName, Key: { PK: 'owner', SK: 'other' } }));
  assert.deepEqual(got.Item, { PK: 'owner', SK: 'other', n: 3 });

  const queried = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': 'owner', ':prefix': 'row-' },
      ScanIndexForward: false,
    }),
  );
  assert.deepEqual(
    queried.Items?.map((item) => item.SK),
    ['row-b', 'row-a'],
  );
});

test('dynalite errors reach the SDK with their code', async (t) => {
  const dynamo = await startDynamoDb({});
  t.after(() => dynamo.stop());
  const db = documentClient(dynamo.endpoint);
  t.after(() => db.destroy());
  await assert.rejects(db.send(new GetCommand({ TableName: 'missing-table', Key: { PK: 'x', SK: 'y' } })), {
    name: 'ResourceNotFoundException',
  });
});

test('a data dir keeps table and items across a restart', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-test-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));

  const first = await startDynamoDb({ dataDir });
  const { tableName } = await createTable({ endpoint: first.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  const writer = documentClient(first.endpoint);
  await writer.send(new PutCommand({ TableName: tableName, Item: { PK: 'kept', SK: 'ITEM', title: 'kept' } }));
  writer.destroy();
  await first.stop();

  const second = await startDynamoDb({ dataDir });
  t.after(() => second.stop());
  await createTable({ endpoint: second.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  const reader = documentClient(second.endpoint);
  t.after(() => reader.destroy());
  const got = await reader.send(new GetCommand({ TableName: tableName, Key: { PK: 'kept', SK: 'ITEM' } }));
  assert.equal(got.Item?.title, 'kept');
});

test('a client with no endpoint but AWS_ENDPOINT_URL_DYNAMODB set reaches the emulator', async (t) => {
  const dynamo = await startDynamoDb({});
  t.after(() => dynamo.stop());
  const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'env', file: SAMPLE_TABLE_FILE });

  // A separate process, as a handler runs: only the standard environment tells it where to go.
  const script = `
    import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
    const client = new DynamoDBClient({});
    const out = await client.send(new ListTablesCommand({}));
    console.log(JSON.stringify(out.TableNames));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: {
      PATH: process.env.PATH,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    },
  });
  assert.deepEqual(JSON.parse(stdout), [tableName]);
});

test('a client that never finishes its body holds up no one, and stop() still returns', { timeout: 30_000 }, async (t) => {
  const dynamo = await startDynamoDb({});
  const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  const db = documentClient(dynamo.endpoint);
  t.after(() => db.destroy());
  // Headers and part of the body of a 1000-byte request, then silence, the socket left open.
  const { port } = new URL(dynamo.endpoint);
  const stalled = connect(Number(port), '127.0.0.1');
  t.after(() => stalled.destroy());
  await once(stalled, 'connect');
  stalled.write(
    'POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: DynamoDB_20120810.TransactWriteItems\r\ncontent-length: 1000\r\n\r\n{"TransactItems":',
  );
  await new Promise((resolve) => setTimeout(resolve, 100));

  await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'after-stall', SK: 'ITEM' } }));
  assert.equal(
    (await db.send(new GetCommand({ TableName: tableName, Key: { PK: 'after-stall', SK: 'ITEM' } }))).Item?.['PK'],
    'after-stall',
  );
  // Stopping cuts the stalled connection; the half-read request must not keep stop() waiting.
  await dynamo.stop();
});

test('writes refused for a condition are counted: a conditional Put, a cancelled transaction; other errors are not', async (t) => {
  const dynamo = await startDynamoDb({});
  t.after(() => dynamo.stop());
  const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  const db = documentClient(dynamo.endpoint);
  t.after(() => db.destroy());
  const item = { PK: 'owner', SK: 'row', n: 1 };
  const onlyIfNew = { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' };
  await db.send(new PutCommand(onlyIfNew));
  assert.deepEqual(dynamo.writeConflicts(), { conditionalCheckFailed: 0, transactionsCanceled: 0 });
  await assert.rejects(db.send(new PutCommand(onlyIfNew)), { name: 'ConditionalCheckFailedException' });
  await assert.rejects(db.send(new TransactWriteCommand({ TransactItems: [{ Put: onlyIfNew }] })), {
    name: 'TransactionCanceledException',
  });
  await assert.rejects(db.send(new GetCommand({ TableName: 'no-such-table', Key: { PK: 'a', SK: 'b' } })), {
    name: 'ResourceNotFoundException',
  });
  assert.deepEqual(dynamo.writeConflicts(), { conditionalCheckFailed: 1, transactionsCanceled: 1 });
});
