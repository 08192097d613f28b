// For tests: a fresh in-memory emulator with the application table, a
// document client on it, and helpers for `{PK, SK: 'ITEM'}` items; all of it
// stopped when the test ends.
import type { TestContext } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '../../local-aws.ts';
import { createTable } from '../create-table.ts';
import { startDynamoDb, type StartDynamoDbOptions } from '../start-dynamodb.ts';
import { SAMPLE_TABLE_FILE } from '../../test-fixtures/sample-definitions.ts';

export async function startEmulatedTable(t: TestContext, options: StartDynamoDbOptions = {}) {
  const dynamo = await startDynamoDb(options);
  const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  const db = DynamoDBDocumentClient.from(client);
  t.after(async () => {
    client.destroy();
    await dynamo.stop();
  });
  const get = async (PK: string, SK = 'ITEM') =>
    (await db.send(new GetCommand({ TableName: tableName, Key: { PK, SK }, ConsistentRead: true }))).Item;
  const put = (item: Record<string, unknown>) => db.send(new PutCommand({ TableName: tableName, Item: { SK: 'ITEM', ...item } }));
  return { endpoint: dynamo.endpoint, tableName, client, db, get, put };
}
