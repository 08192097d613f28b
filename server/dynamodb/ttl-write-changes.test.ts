import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayChangeAttribute, ttlChanges } from './ttl-write-changes.ts';

const ttlOf = (tableName: string) => (tableName === 'with-ttl' ? 'expires_at' : undefined);
const key = { PK: { S: 'a' } };

test('an update may change the TTL attribute when it names it, directly, by placeholder, or as a legacy AttributeUpdate', () => {
  const cases: [Record<string, unknown>, boolean][] = [
    [{ UpdateExpression: 'SET expires_at = :t' }, true],
    [{ UpdateExpression: 'REMOVE expires_at' }, true],
    [{ UpdateExpression: 'SET #t = :t', ExpressionAttributeNames: { '#t': 'expires_at' } }, true],
    [{ AttributeUpdates: { expires_at: { Action: 'DELETE' } } }, true],
    [{ UpdateExpression: 'SET #s = :s, version = version + :one', ExpressionAttributeNames: { '#s': 'status' } }, false],
    [{ AttributeUpdates: { status: { Action: 'PUT', Value: { S: 'x' } } } }, false],
    [{}, false],
  ];
  for (const [params, expected] of cases) assert.equal(mayChangeAttribute(params, 'expires_at'), expected, JSON.stringify(params));
});

test('single-item writes: a put carries its item, a delete drops its key, an update is read again only when it names the attribute', () => {
  const item = { PK: { S: 'a' }, expires_at: { N: '5' } };
  assert.deepEqual(ttlChanges('PutItem', { TableName: 'with-ttl', Item: item }, ttlOf), [{ kind: 'written', tableName: 'with-ttl', item }]);
  assert.deepEqual(ttlChanges('DeleteItem', { TableName: 'with-ttl', Key: key }, ttlOf), [{ kind: 'deleted', tableName: 'with-ttl', key }]);
  assert.deepEqual(ttlChanges('UpdateItem', { TableName: 'with-ttl', Key: key, UpdateExpression: 'REMOVE expires_at' }, ttlOf), [
    { kind: 'updated', tableName: 'with-ttl', key },
  ]);
  assert.deepEqual(ttlChanges('UpdateItem', { TableName: 'with-ttl', Key: key, UpdateExpression: 'SET a = :a' }, ttlOf), []);
  assert.deepEqual(ttlChanges('PutItem', { TableName: 'without-ttl', Item: item }, ttlOf), []);
  assert.deepEqual(ttlChanges('GetItem', { TableName: 'with-ttl', Key: key }, ttlOf), []);
});

test('BatchWriteItem and TransactWriteItems: each put, delete and update of a table with TTL; condition checks and other tables are left out', () => {
  const item = { PK: { S: 'b' }, expires_at: { N: '5' } };
  assert.deepEqual(
    ttlChanges(
      'BatchWriteItem',
      {
        RequestItems: {
          'with-ttl': [{ PutRequest: { Item: item } }, { DeleteRequest: { Key: key } }],
          'without-ttl': [{ PutRequest: { Item: item } }],
        },
      },
      ttlOf,
    ),
    [
      { kind: 'written', tableName: 'with-ttl', item },
      { kind: 'deleted', tableName: 'with-ttl', key },
    ],
  );
  assert.deepEqual(
    ttlChanges(
      'TransactWriteItems',
      {
        TransactItems: [
          { Put: { TableName: 'with-ttl', Item: item } },
          {
            Update: { TableName: 'with-ttl', Key: key, UpdateExpression: 'SET #t = :t', ExpressionAttributeNames: { '#t': 'expires_at' } },
          },
          { Update: { TableName: 'with-ttl', Key: key, UpdateExpression: 'SET a = :a' } },
          { Delete: { TableName: 'with-ttl', Key: key } },
          { ConditionCheck: { TableName: 'with-ttl', Key: key, ConditionExpression: 'attribute_exists(PK)' } },
          { Put: { TableName: 'without-ttl', Item: item } },
        ],
      },
      ttlOf,
    ),
    [
      { kind: 'written', tableName: 'with-ttl', item },
      { kind: 'updated', tableName: 'with-ttl', key },
      { kind: 'deleted', tableName: 'with-ttl', key },
    ],
  );
});
