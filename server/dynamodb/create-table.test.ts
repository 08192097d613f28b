import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../local-aws.ts';
import { createTable, createTableInput, readTableDefinition } from './create-table.ts';
import { startDynamoDb } from './start-dynamodb.ts';
import { SAMPLE_TABLE_FILE } from '../test-fixtures/sample-definitions.ts';

test('the CreateTable input names the stage and leaves out the TTL attribute', () => {
  const input = createTableInput(readTableDefinition(SAMPLE_TABLE_FILE), 'qa');
  assert.equal(input.TableName, 'handshake-qa-table');
  assert.equal('TimeToLiveAttribute' in input, false);
  assert.deepEqual(
    input.GlobalSecondaryIndexes?.map((index) => index.IndexName),
    ['GSI1', 'GSI2'],
  );
});

test('createTable makes an ACTIVE on-demand table with both GSIs, and is idempotent', async (t) => {
  const dynamo = await startDynamoDb({});
  const client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  t.after(async () => {
    client.destroy();
    await dynamo.stop();
  });

  const first = await createTable({ endpoint: dynamo.endpoint, stage: 'local', file: SAMPLE_TABLE_FILE });
  const second = await createTable({ endpoint: dynamo.endpoint, stage: 'local', file: SAMPLE_TABLE_FILE });
  assert.equal(first.tableName, 'handshake-local-table');
  assert.deepEqual(second, first);

  const { Table } = await client.send(new DescribeTableCommand({ TableName: first.tableName }));
  assert.equal(Table?.TableStatus, 'ACTIVE');
  assert.equal(Table?.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
  assert.deepEqual(
    Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus]),
    [
      ['GSI1', 'ACTIVE'],
      ['GSI2', 'ACTIVE'],
    ],
  );
});
