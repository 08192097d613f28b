import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PutCommand, TransactGetCommand } from '@aws-sdk/lib-dynamodb';
import { startEmulatedTable } from './test-fixtures/emulated-table.ts';

test('TransactGet returns items in request order, empty for missing ones', async (t) => {
  const { tableName, db } = await startEmulatedTable(t);
  await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'one', SK: 'ITEM', n: 1, secret: 'x' } }));
  await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'two', SK: 'ITEM', n: 2 } }));

  const got = await db.send(
    new TransactGetCommand({
      TransactItems: [
        { Get: { TableName: tableName, Key: { PK: 'two', SK: 'ITEM' } } },
        { Get: { TableName: tableName, Key: { PK: 'missing', SK: 'ITEM' } } },
        {
          Get: {
            TableName: tableName,
            Key: { PK: 'one', SK: 'ITEM' },
            ProjectionExpression: '#n',
            ExpressionAttributeNames: { '#n': 'n' },
          },
        },
      ],
    }),
  );
  assert.deepEqual(
    got.Responses?.map((response) => response.Item),
    [{ PK: 'two', SK: 'ITEM', n: 2 }, undefined, { n: 1 }],
  );

  const twice = { Get: { TableName: tableName, Key: { PK: 'one', SK: 'ITEM' } } };
  await assert.rejects(db.send(new TransactGetCommand({ TransactItems: [twice, twice] })), { name: 'ValidationException' });
  await assert.rejects(db.send(new TransactGetCommand({ TransactItems: [] })), { name: 'ValidationException' });
  const tooMany = Array.from({ length: 101 }, (_, i) => ({ Get: { TableName: tableName, Key: { PK: `k${i}`, SK: 'ITEM' } } }));
  await assert.rejects(db.send(new TransactGetCommand({ TransactItems: tooMany })), { name: 'ValidationException' });
});
