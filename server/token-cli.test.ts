import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDecoder } from 'fast-jwt';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'token-cli.ts');
const keyDir = mkdtempSync(path.join(tmpdir(), 'token-cli-'));
test.after(() => rmSync(keyDir, { recursive: true, force: true }));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, '--key-dir', keyDir, ...args], { encoding: 'utf8' });
const decode = createDecoder();

test('prints a bare token for a seed user, with role and name from the seed', () => {
  const result = run('--user', '1');
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  const claims = decode(result.stdout.trim());
  assert.equal(claims.sub, '1');
  assert.equal(claims.role, 'client');
  assert.equal(claims.name, 'Alice Client');
  assert.equal(claims.iss, 'disputes-local');
  assert.equal(claims.aud, 'disputes-api');
  assert.equal(claims.exp - claims.iat, 24 * 3600);
});

test('--role works for any id; --ttl sets the lifetime', () => {
  const result = run('--user', '9999', '--role', 'admin', '--ttl', '60');
  assert.equal(result.status, 0, result.stderr);
  const claims = decode(result.stdout.trim());
  assert.equal(claims.role, 'admin');
  assert.equal(claims.exp - claims.iat, 60);
});

test('usage errors exit 2 with nothing on stdout', () => {
  for (const args of [['--user', '9999'], [], ['--user', 'abc'], ['--user', '1', '--ttl', '0'], ['--bogus']]) {
    const result = run(...args);
    assert.equal(result.status, 2, args.join(' '));
    assert.equal(result.stdout, '');
    assert.ok(result.stderr.length > 0);
  }
});
