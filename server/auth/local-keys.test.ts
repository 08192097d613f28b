import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { jwksOf, loadOrCreateKeys } from './local-keys.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

test('keys are created once and reused', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keys-'));
  try {
    const first = loadOrCreateKeys(path.join(dir, 'nested'));
    const second = loadOrCreateKeys(path.join(dir, 'nested'));
    assert.equal(first.kid, second.kid);
    assert.deepEqual(readdirSync(path.join(dir, 'nested')), ['local-issuer-rs256.json']);
    const { keys } = jwksOf(first);
    assert.equal(keys[0]?.kid, first.kid);
    assert.equal(keys[0]?.alg, 'RS256');
    assert.equal('d' in (keys[0] ?? {}), false, 'no private part in the JWKS');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('processes starting together agree on one key', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keys-'));
  try {
    const script = `import { loadOrCreateKeys } from ${JSON.stringify(path.join(here, 'local-keys.ts'))}; console.log(loadOrCreateKeys(${JSON.stringify(dir)}).kid);`;
    const runs = await Promise.all([1, 2, 3, 4].map(() => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script])));
    const kids = new Set(runs.map((r) => r.stdout.trim()));
    assert.equal(kids.size, 1);
    assert.equal(loadOrCreateKeys(dir).kid, [...kids][0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
