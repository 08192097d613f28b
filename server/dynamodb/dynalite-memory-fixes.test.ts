// dynalite's in-memory store frees what it no longer needs: Query and Scan
// iterators are closed, and stored items do not pin Node's shared Buffer pool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import './dynalite-memory-fixes.ts';
import { startEmulatedTable } from './test-fixtures/emulated-table.ts';

/** Live objects of a class in this process's heap, counted from a heap snapshot. */
function liveObjects(className: string): number {
  const file = writeHeapSnapshot(path.join(tmpdir(), `iterators-${process.pid}.heapsnapshot`));
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
      nodes: number[];
      strings: string[];
    };
    const fields = snapshot.snapshot.meta.node_fields;
    const [typeAt, nameAt] = [fields.indexOf('type'), fields.indexOf('name')];
    const objectType = snapshot.snapshot.meta.node_types[0].indexOf('object');
    let count = 0;
    for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
      if (snapshot.nodes[i + typeAt] === objectType && snapshot.strings[snapshot.nodes[i + nameAt]!] === className) count += 1;
    }
    return count;
  } finally {
    rmSync(file, { force: true });
  }
}

test('Query and Scan leave no iterator open behind them (an open one keeps its snapshot of the table alive)', async (t) => {
  const { tableName, db } = await startEmulatedTable(t);
  for (let i = 0; i < 5; i += 1) await db.send(new PutCommand({ TableName: tableName, Item: { PK: 'P', SK: `S${i}` } }));
  const before = liveObjects('MemoryValueIterator');
  for (let i = 0; i < 40; i += 1) {
    // Stopped by the limit, and run to the end.
    await db.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': 'P' }, Limit: 2 }),
    );
    await db.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'PK = :p', ExpressionAttributeValues: { ':p': 'P' } }));
    await db.send(new ScanCommand({ TableName: tableName }));
  }
  // Closing is asynchronous: let it finish.
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(liveObjects('MemoryValueIterator') - before < 5, 'the 120 reads left their iterators open');
});

test("the in-memory store keeps items as Uint8Arrays of their own ('view'), not as slices of the shared Buffer pool", async () => {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  type Store = { put(key: string, value: unknown): Promise<void>; get(key: string, options: object): Promise<unknown> };
  const { MemoryLevel } = fromDynalite('memory-level') as { MemoryLevel: new (options: object) => Store };
  const store = new MemoryLevel({ valueEncoding: 'json' });
  await store.put('item', { PK: { S: 'P' } });
  // As stored: a Buffer store hands its Buffer back; a 'view' store its own Uint8Array.
  const stored = await store.get('item', { valueEncoding: 'view' });
  assert.ok(stored instanceof Uint8Array);
  assert.equal(Buffer.isBuffer(stored), false);
});
