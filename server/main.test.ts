// Boots the real emulator (real handlers, dynalite, s3rver) on a free port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { issueLocalToken } from './auth/local-issuer.ts';

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

test('starts on port 0, prints its URL, serves the contract, stops on SIGTERM', { timeout: 60_000 }, async () => {
  const keyDir = mkdtempSync(path.join(tmpdir(), 'main-keys-'));
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0', '--key-dir', keyDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const token = issueLocalToken({ keyDir, sub: '1', role: 'client' });
    const list = await fetch(`${url}/disputes`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(list.status, 200);
    assert.ok(list.headers.get('apigw-requestid'));
    assert.deepEqual(Object.keys(await list.json()).sort(), ['count', 'next_cursor', 'results']);
    const anonymous = await fetch(`${url}/disputes`);
    assert.equal(anonymous.status, 401);
    const missing = await fetch(`${url}/nowhere`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { message: 'Not Found' });
  } finally {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    rmSync(keyDir, { recursive: true, force: true });
    assert.equal(code, 0);
  }
});
