import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '../../server/local-aws.ts';
import { createTable } from '../../server/dynamodb/create-table.ts';
import { startDynamoDb } from '../../server/dynamodb/start-dynamodb.ts';
import { keys } from '../../handlers/data/table-keys.ts';
import { loadSeedData, seedTable } from './seed-table.ts';
import { SAMPLE_TABLE_FILE } from '../../server/test-fixtures/sample-definitions.ts';

test('loadSeedData returns the users with roles and the projects', () => {
  const seed = loadSeedData();
  assert.ok(seed.users.length > 0 && seed.projects.length > 0);
  assert.equal(seed.users.find((user) => user.id === 3)?.role, 'mediator');
});

test('seeding writes profiles and projects, and a second run keeps what changed since', async (t) => {
  const dynamo = await startDynamoDb({});
  const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(dynamo.endpoint)));
  t.after(async () => {
    db.destroy();
    await dynamo.stop();
  });
  const get = async (Key: { PK: string; SK: string }) => (await db.send(new GetCommand({ TableName: tableName, Key }))).Item;

  await seedTable({ client: db, tableName });
  const seed = loadSeedData();
  assert.ok(seed.users.length > 0);
  for (const user of seed.users) {
    assert.deepEqual(await get(keys.profile(user.id)), { ...keys.profile(user.id), ...user });
  }
  assert.deepEqual(await get(keys.project(123)), {
    ...keys.project(123),
    id: 123,
    title: 'Kitchen renovation',
    client_id: 1,
    master_id: 2,
  });

  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.project(123),
      UpdateExpression: 'SET active_dispute_id = :id',
      ExpressionAttributeValues: { ':id': 7 },
    }),
  );
  await seedTable({ client: db, tableName });
  assert.equal((await get(keys.project(123)))?.active_dispute_id, 7);
  assert.equal((await get(keys.profile(1)))?.avatar, null);

  // Seed data that changed since (no marker for it): items are added, none overwritten.
  await db.send(new DeleteCommand({ TableName: tableName, Key: keys.seedMarker() }));
  await db.send(new DeleteCommand({ TableName: tableName, Key: keys.profile(2) }));
  await seedTable({ client: db, tableName });
  assert.equal((await get(keys.project(123)))?.active_dispute_id, 7);
  assert.equal((await get(keys.profile(2)))?.name, 'Bob Master');
});
