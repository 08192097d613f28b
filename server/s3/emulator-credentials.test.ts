import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { LOCAL_CREDENTIALS } from '../local-aws.ts';
import { loadOrCreateS3Credentials } from './emulator-credentials.ts';

test('each install gets its own random S3 key, made once, private, and never the well-known local one', (t) => {
  const [first, second] = [mkdtempSync(path.join(tmpdir(), 'keys-')), mkdtempSync(path.join(tmpdir(), 'keys-'))];
  t.after(() => {
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  });
  const made = loadOrCreateS3Credentials(first);
  assert.match(made.accessKeyId, /^LKIA[0-9A-F]{16}$/);
  assert.equal(made.secretAccessKey.length, 40);
  assert.deepEqual(loadOrCreateS3Credentials(first), made, 'the same key on the next start');
  assert.notDeepEqual(loadOrCreateS3Credentials(second), made, 'another install, another key');
  assert.notEqual(made.accessKeyId, LOCAL_CREDENTIALS.accessKeyId);
  assert.equal(statSync(path.join(first, 's3-credentials.json')).mode & 0o077, 0, 'readable by its owner only');
});
