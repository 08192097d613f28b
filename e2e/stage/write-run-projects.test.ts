import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../handlers/data/table-keys.ts';
import { startEmulatedTable } from '../../server/dynamodb/test-fixtures/emulated-table.ts';
import { runProject } from './run-projects.ts';
import { RunIdTaken, writeRunProjects } from './write-run-projects.ts';

const parties = { a: { client: 1, master: 2 }, b: { client: 3, master: 4 } };

test("a run id already used is refused without touching the other run's projects; a half-written run takes its projects back", async (t) => {
  const emulated = await startEmulatedTable(t);
  const table = { name: emulated.tableName, db: emulated.db };
  const stored = async (runId: string, k: number) => {
    const key = keys.project(runProject(runId, k).id);
    return emulated.get(key.PK, key.SK);
  };

  await writeRunProjects(table, '11', 4, parties);
  assert.equal((await stored('11', 1))?.['client_id'], 3, 'odd projects are side B’s');
  await assert.rejects(writeRunProjects(table, '11', 4, parties), RunIdTaken);
  for (const k of [0, 1, 2, 3]) assert.ok(await stored('11', k), `project ${k} of the first run is still there`);

  // Project 40 of run 12 is someone else's: the write stops there and removes what it wrote.
  const blocker = keys.project(runProject('12', 40).id);
  await emulated.db.send(new PutCommand({ TableName: emulated.tableName, Item: { ...blocker, id: 1, title: 'not ours' } }));
  await assert.rejects(writeRunProjects(table, '12', 64, parties), RunIdTaken);
  for (const k of [0, 15, 16, 39, 41, 63]) assert.equal(await stored('12', k), undefined, `project ${k} was taken back`);
  assert.equal((await stored('12', 40))?.['title'], 'not ours');
});
