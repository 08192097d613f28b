import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionOf, bundleActions, iamActionsOf, moduleActions, sdkImports } from './sdk-actions.ts';

test('document commands map to the DynamoDB operations they wrap; client commands to their own', () => {
  assert.equal(actionOf('@aws-sdk/lib-dynamodb', 'GetCommand'), 'dynamodb:GetItem');
  assert.equal(actionOf('@aws-sdk/lib-dynamodb', 'TransactWriteCommand'), 'dynamodb:TransactWriteItems');
  assert.equal(actionOf('@aws-sdk/lib-dynamodb', 'BatchGetCommand'), 'dynamodb:BatchGetItem');
  assert.equal(actionOf('@aws-sdk/client-dynamodb', 'DescribeTableCommand'), 'dynamodb:DescribeTable');
  assert.equal(actionOf('@aws-sdk/client-s3', 'CopyObjectCommand'), 's3:CopyObject');
  assert.equal(
    actionOf('@aws-sdk/s3-presigned-post', 'createPresignedPost'),
    's3:PutObject',
    'a presigned POST is authorized as PutObject',
  );
  assert.equal(actionOf('@aws-sdk/client-s3', 'S3Client'), undefined);
  assert.equal(actionOf('@aws-sdk/s3-request-presigner', 'getSignedUrl'), undefined, 'it signs a command imported on its own');
});

test('a paginator needs the action of the operation it calls page after page', () => {
  assert.equal(actionOf('@aws-sdk/lib-dynamodb', 'paginateQuery'), 'dynamodb:Query');
  assert.equal(actionOf('@aws-sdk/lib-dynamodb', 'paginateScan'), 'dynamodb:Scan');
  assert.equal(actionOf('@aws-sdk/client-s3', 'paginateListObjectsV2'), 's3:ListObjectsV2');
  assert.deepEqual(iamActionsOf('s3:ListObjectsV2'), ['s3:ListBucket']);
});

test('an SDK command nobody mapped fails the build instead of being left out of the role', () => {
  assert.throws(() => actionOf('@aws-sdk/lib-dynamodb', 'FrobnicateCommand'), /no AWS action is known/);
  assert.throws(() => actionOf('@aws-sdk/client-sqs', 'SendMessageCommand'), /no AWS action is known/);
  assert.throws(() => actionOf('@aws-sdk/client-s3', 'waitUntilObjectExists'), /no AWS action is known/, 'a waiter polls HeadObject');
  assert.throws(() => actionOf('@aws-sdk/lib-dynamodb', 'paginateExecuteStatement'), /no AWS action is known/);
  assert.throws(() => actionOf('@aws-sdk/client-s3', 'S3'), /no AWS action is known/, 'the aggregated client calls anything');
  assert.equal(actionOf('@aws-sdk/client-dynamodb', 'ConditionalCheckFailedException'), undefined);
});

test('only value imports from the SDK count; a namespace import is refused', () => {
  const source = [
    "import { GetCommand, type QueryCommandInput, PutCommand as Put } from '@aws-sdk/lib-dynamodb';",
    "import type { ScanCommand } from '@aws-sdk/lib-dynamodb';",
    "import { z } from 'zod';",
  ].join('\n');
  assert.deepEqual(sdkImports(source), [
    { module: '@aws-sdk/lib-dynamodb', name: 'GetCommand' },
    { module: '@aws-sdk/lib-dynamodb', name: 'PutCommand' },
  ]);
  assert.throws(() => sdkImports("import * as ddb from '@aws-sdk/lib-dynamodb';"), /hides which commands/);
  assert.throws(() => sdkImports("export * from '@aws-sdk/lib-dynamodb';"), /hides which commands/);
  assert.deepEqual(sdkImports("export { QueryCommand } from '@aws-sdk/lib-dynamodb';"), [
    { module: '@aws-sdk/lib-dynamodb', name: 'QueryCommand' },
  ]);
});

test('a bundle calls the union of its modules, sorted and without repeats', () => {
  const files: Record<string, string> = {
    'a.ts': "import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';",
    'b.ts': "import { GetCommand } from '@aws-sdk/lib-dynamodb';\nimport { HeadObjectCommand } from '@aws-sdk/client-s3';",
  };
  assert.deepEqual(
    bundleActions(Object.keys(files), (file) => files[file]!),
    ['dynamodb:GetItem', 'dynamodb:UpdateItem', 's3:GetObject', 's3:ListBucket'],
  );
});

test('S3 operations become the IAM actions S3 checks for them: HEAD is GetObject, a copy reads and writes', () => {
  const source = "import { HeadObjectCommand, CopyObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';";
  assert.deepEqual(moduleActions(source).sort(), ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
  // ListBucket: without it a missing key is 403, not the 404 the handlers expect.
  assert.deepEqual(iamActionsOf('s3:HeadObject'), ['s3:GetObject', 's3:ListBucket']);
  assert.throws(() => actionOf('@aws-sdk/client-s3', 'PutBucketPolicyCommand'), /no AWS action is known/, 'an S3 operation nobody mapped');
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html
test('a transaction is granted through the items it writes (PutItem, UpdateItem, DeleteItem, ConditionCheckItem), never as TransactWriteItems', () => {
  const source = [
    "import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';",
    'export const send = (client, table) => client.send(new TransactWriteCommand({ TransactItems: [',
    '  { ConditionCheck: { TableName: table, Key: {}, ConditionExpression: "x" } },',
    '  { Put: { TableName: table, Item: {} } },',
    '] }));',
  ].join('\n');
  assert.deepEqual(moduleActions(source).sort(), ['dynamodb:ConditionCheckItem', 'dynamodb:PutItem']);
  const getter = "import { TransactGetCommand } from '@aws-sdk/lib-dynamodb';\nconst items = [{ Get: { TableName: 't', Key: {} } }];";
  assert.deepEqual(moduleActions(getter), ['dynamodb:GetItem']);
});

test('a module that sends a transaction built elsewhere fails the build: its items cannot be read', () => {
  const source =
    "import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';\nexport const send = (c, items) => c.send(new TransactWriteCommand({ TransactItems: items }));";
  assert.throws(
    () => moduleActions(source, 'sender.ts'),
    /sender\.ts: TransactWriteCommand is imported but no Put, Update, Delete, ConditionCheck item/,
  );
});
