import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '../local-aws.ts';
import { createTable } from './create-table.ts';
import { startDynamoDb } from './start-dynamodb.ts';
import { fileJournal, JOURNAL_FILE } from './transaction-journal.ts';
import type { JournalEntry } from './transaction-journal.ts';
import { SAMPLE_TABLE_FILE } from '../test-fixtures/sample-definitions.ts';

async function dataDirFor(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-journal-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  return dataDir;
}

async function open(dataDir: string) {
  const dynamo = await startDynamoDb({ dataDir });
  const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(dynamo.endpoint)));
  const get = async (PK: string) => (await db.send(new GetCommand({ TableName: tableName, Key: { PK, SK: 'ITEM' } }))).Item;
  const put = (item: Record<string, unknown>) => db.send(new PutCommand({ TableName: tableName, Item: { SK: 'ITEM', ...item } }));
  const close = async () => {
    db.destroy();
    await dynamo.stop();
  };
  return { tableName, db, get, put, close };
}

test('at start, a journal left by a crash is undone: before-images back, new items gone, file removed', async (t) => {
  const dataDir = await dataDirFor(t);
  const first = await open(dataDir);
  // The state a crash left half-way through a transaction.
  await first.put({ PK: 'changed', v: 'after' });
  await first.put({ PK: 'created', v: 'new' });
  await first.close();
  const key = (PK: string) => ({ PK: { S: PK }, SK: { S: 'ITEM' } });
  const entries: JournalEntry[] = [
    { tableName: first.tableName, key: key('changed'), before: { ...key('changed'), v: { S: 'before' } } },
    { tableName: first.tableName, key: key('created') },
    { tableName: first.tableName, key: key('deleted'), before: { ...key('deleted'), v: { S: 'kept' } } },
    { tableName: 'a-table-deleted-since', key: key('x') },
  ];
  writeFileSync(join(dataDir, JOURNAL_FILE), JSON.stringify({ version: 1, entries }));
  writeFileSync(join(dataDir, `${JOURNAL_FILE}.tmp`), '{"version": 1, "entr');

  const second = await open(dataDir);
  t.after(second.close);
  assert.deepEqual(await second.get('changed'), { PK: 'changed', SK: 'ITEM', v: 'before' });
  assert.equal(await second.get('created'), undefined);
  assert.deepEqual(await second.get('deleted'), { PK: 'deleted', SK: 'ITEM', v: 'kept' });
  assert.equal(existsSync(join(dataDir, JOURNAL_FILE)), false);
  assert.equal(existsSync(join(dataDir, `${JOURNAL_FILE}.tmp`)), false, 'an incomplete journal is dropped');
});

test('a transaction leaves no journal behind, whether it commits or is cancelled', async (t) => {
  const dataDir = await dataDirFor(t);
  const db = await open(dataDir);
  t.after(db.close);
  const transfer = (condition: string) =>
    db.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: db.tableName, Item: { PK: 'a', SK: 'ITEM' }, ConditionExpression: condition } },
          { Put: { TableName: db.tableName, Item: { PK: 'b', SK: 'ITEM' } } },
        ],
      }),
    );
  await transfer('attribute_not_exists(PK)');
  assert.equal(existsSync(join(dataDir, JOURNAL_FILE)), false);
  await assert.rejects(transfer('attribute_not_exists(PK)'), { name: 'TransactionCanceledException' });
  assert.equal(existsSync(join(dataDir, JOURNAL_FILE)), false);
});

test('a journal that was not recovered is never overwritten', async (t) => {
  const dataDir = await dataDirFor(t);
  const journal = fileJournal(dataDir);
  journal.begin([{ tableName: 't', key: { PK: { S: 'first' } } }]);
  assert.throws(() => journal.begin([{ tableName: 't', key: { PK: { S: 'second' } } }]), /unrecovered/);
  journal.end();
  journal.begin([{ tableName: 't', key: { PK: { S: 'third' } } }]);
  journal.end();
  assert.equal(existsSync(join(dataDir, JOURNAL_FILE)), false);
});
