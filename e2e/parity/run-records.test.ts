import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readAcceptedDifferences } from './accepted-differences.ts';
import { formatRunRecords, readRunRecords, RECORDS_FILE, RECORDS_FORMAT, RecordsError, type RunRecords } from './run-records.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'run-records-'));
const records: RunRecords = {
  format: RECORDS_FORMAT,
  suite: 's',
  target: 'http://127.0.0.1:1',
  status: 'passed',
  finishedAt: '2026-12-07T00:00:00Z',
  tests: { 'a.spec.ts › t': { status: 'passed' } },
  exchanges: [
    {
      test: 'a.spec.ts › t',
      retry: 0,
      step: 'getDispute #1',
      overlapped: false,
      operationId: 'getDispute',
      method: 'GET',
      route: '/disputes/{id}',
      status: 200,
      headers: {},
      body: { media: '', size: 'empty' },
    },
  ],
};
const write = (name: string, content: string) => {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, RECORDS_FILE), content);
  return path.join(dir, name);
};

test('records written one exchange per line read back as they were, from the folder or the file', () => {
  const folder = write('good', formatRunRecords(records));
  const { file, ...read } = readRunRecords(folder);
  assert.deepEqual(read, records);
  assert.equal(readRunRecords(file).exchanges.length, 1);
});

test('bad input says what is wrong: no records, not JSON, another format, not records, no exchange, a run that did not finish', () => {
  const refused = (location: string, pattern: RegExp) =>
    assert.throws(
      () => readRunRecords(location),
      (error: Error) => error instanceof RecordsError && pattern.test(error.message),
    );
  refused(path.join(dir, 'nothing-here'), /no exchange records/);
  refused(write('not-json', '{'), /not JSON/);
  refused(write('old', JSON.stringify({ ...records, format: 0 })), /records of format 0; this checkout reads format 1/);
  refused(write('other', JSON.stringify({ ...records, exchanges: [{ test: 1 }] })), /not exchange records/);
  refused(write('empty', JSON.stringify({ ...records, exchanges: [] })), /recorded no exchange/);
  refused(write('stopped', JSON.stringify({ ...records, status: 'interrupted' })), /did not finish \(interrupted\)/);
  refused(
    write(
      'unreached',
      JSON.stringify({ ...records, status: 'failed', tests: { ...records.tests, 'a.spec.ts › u': { status: 'interrupted' } } }),
    ),
    /1 tests never ran/,
  );
});

test('an accepted difference must say why and name what it matches', () => {
  const file = path.join(dir, 'accepted.json');
  writeFileSync(file, JSON.stringify([{ kind: 'status' }]));
  assert.throws(() => readAcceptedDifferences(file), /reason/);
  writeFileSync(file, JSON.stringify([{ reason: 'everything' }]));
  assert.throws(() => readAcceptedDifferences(file), /names at least one/);
  writeFileSync(file, JSON.stringify([{ operation: 'getDispute', reason: 'known', colour: 'red' }]));
  assert.throws(() => readAcceptedDifferences(file), RecordsError);
  writeFileSync(file, JSON.stringify([{ operation: 'getDispute', reason: 'known' }]));
  assert.deepEqual(readAcceptedDifferences(file), [{ operation: 'getDispute', reason: 'known' }]);
});
