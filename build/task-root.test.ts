import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeTaskRoot } from './task-root.ts';

test('writes the files under the directory, leaves no temporary behind, and keeps an existing one as it is', (t) => {
  const parent = mkdtempSync(path.join(tmpdir(), 'task-root-'));
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  const dir = path.join(parent, 'fn');
  writeTaskRoot(dir, { 'handlers/a.mjs': Buffer.from('one') });
  assert.equal(readFileSync(path.join(dir, 'handlers', 'a.mjs'), 'utf8'), 'one');
  writeTaskRoot(dir, { 'handlers/a.mjs': Buffer.from('two') });
  assert.equal(readFileSync(path.join(dir, 'handlers', 'a.mjs'), 'utf8'), 'one', 'a task root is content-addressed: never rewritten');
  assert.deepEqual(readdirSync(parent), ['fn']);
});

test('a file name that would land outside the task root is refused, and nothing is written', (t) => {
  const parent = mkdtempSync(path.join(tmpdir(), 'task-root-'));
  t.after(() => rmSync(parent, { recursive: true, force: true }));
  assert.throws(() => writeTaskRoot(path.join(parent, 'fn'), { 'ok.mjs': Buffer.from('x'), '../evil.mjs': Buffer.from('x') }), /escape/);
  assert.throws(() => writeTaskRoot(path.join(parent, 'fn'), { '/etc/evil.mjs': Buffer.from('x') }), /escape/);
  assert.equal(existsSync(path.join(parent, 'evil.mjs')), false);
  assert.deepEqual(readdirSync(parent), [], 'no task root and no temporary left');
});
