import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeIssuer } from '../../test-support/fake-issuer.ts';
import { fetchStageJwks } from './fetch-stage-jwks.ts';
import { REFETCH_INTERVAL_MS, openStageKeys, StageKeysUnavailable } from './stage-keys.ts';
import { stageJwksFile } from './stage-jwks-copy.ts';

const T0 = Date.UTC(2026, 0, 1, 12);

function keyDirFor(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stage-keys-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const kids = (jwks: { keys: Array<{ kid: string }> }) => jwks.keys.map((key) => key.kid);

test('the keys are found through the discovery document, fetched at start, and kept on disk with when and where', async (t) => {
  const fake = await startFakeIssuer();
  t.after(() => fake.stop());
  const keyDir = keyDirFor(t);
  const keys = await openStageKeys({ issuer: fake.issuer, keyDir, clock: () => T0, report: assert.fail });
  assert.deepEqual(kids(keys.current()), [fake.kid()]);
  assert.deepEqual(keys.origin(), { jwksUrl: fake.jwksUrl, fetchedAt: T0, file: stageJwksFile(keyDir) });
  const copy = JSON.parse(readFileSync(stageJwksFile(keyDir), 'utf8'));
  assert.equal(copy.issuer, fake.issuer);
  assert.equal(copy.jwksUrl, fake.jwksUrl);
  assert.equal(copy.fetchedAt, new Date(T0).toISOString());
  assert.deepEqual(kids(copy.jwks), [fake.kid()]);
});

test('with the issuer gone, the keys come from the disk copy, saying since when and why', async (t) => {
  const fake = await startFakeIssuer();
  const keyDir = keyDirFor(t);
  await openStageKeys({ issuer: fake.issuer, keyDir, clock: () => T0, report: assert.fail });
  await fake.stop();
  const later = T0 + 3 * 3600_000;
  const keys = await openStageKeys({ issuer: fake.issuer, keyDir, clock: () => later, report: () => undefined });
  assert.deepEqual(kids(keys.current()), [fake.kid()]);
  const origin = keys.origin();
  assert.equal(origin.fetchedAt, T0);
  assert.match(origin.offline ?? '', /openid-configuration: fetch failed/);
});

test('no issuer and no copy (or a copy of another issuer): a StageKeysUnavailable that says what to do', async (t) => {
  const fake = await startFakeIssuer();
  const keyDir = keyDirFor(t);
  await openStageKeys({ issuer: fake.issuer, keyDir, clock: () => T0, report: assert.fail });
  await fake.stop();
  for (const issuer of [fake.issuer, 'http://127.0.0.1:9/other']) {
    await assert.rejects(
      openStageKeys({ issuer, keyDir: issuer === fake.issuer ? keyDirFor(t) : keyDir, clock: () => T0, report: () => undefined }),
      (error: Error) =>
        error instanceof StageKeysUnavailable &&
        /holds no copy of them: start once with the issuer reachable, or give them with --jwks-file/.test(error.message),
    );
  }
});

test('an unknown kid: exactly one refetch within a minute however many tokens ask, the copy replaced; another after the minute', async (t) => {
  const fake = await startFakeIssuer();
  t.after(() => fake.stop());
  const keyDir = keyDirFor(t);
  let now = T0;
  const keys = await openStageKeys({ issuer: fake.issuer, keyDir, clock: () => now, report: assert.fail });
  assert.equal(fake.jwksRequests(), 1);
  fake.rotate();
  now += 1000;
  await Promise.all([keys.refetch(), keys.refetch(), keys.refetch()]);
  await keys.refetch();
  now += REFETCH_INTERVAL_MS - 1001;
  await keys.refetch();
  assert.equal(fake.jwksRequests(), 2);
  assert.deepEqual(kids(keys.current()), ['stage-key-1', 'stage-key-2']);
  const copy = JSON.parse(readFileSync(stageJwksFile(keyDir), 'utf8'));
  assert.deepEqual(kids(copy.jwks), ['stage-key-1', 'stage-key-2']);
  assert.equal(copy.fetchedAt, new Date(T0 + 1000).toISOString());
  now = T0 + 1000 + REFETCH_INTERVAL_MS;
  await keys.refetch();
  assert.equal(fake.jwksRequests(), 3);
});

test('--jwks-url: the keys are fetched from there, with no discovery', async (t) => {
  const fake = await startFakeIssuer();
  t.after(() => fake.stop());
  const fetched = await fetchStageJwks('https://issuer.invalid/never-asked', fake.jwksUrl);
  assert.equal(fetched.jwksUrl, fake.jwksUrl);
  assert.deepEqual(kids(fetched.jwks), [fake.kid()]);
});

test('garbage from the issuer is a clear error naming the address', async (t) => {
  const fake = await startFakeIssuer();
  t.after(() => fake.stop());
  fake.answerGarbage('<html>maintenance</html>');
  await assert.rejects(
    fetchStageJwks(fake.issuer),
    new RegExp(`^Error: the issuer's discovery document ${fake.issuer}/\\.well-known/openid-configuration: not JSON`),
  );
  await assert.rejects(fetchStageJwks(fake.issuer, fake.jwksUrl), new RegExp(`^Error: the keys at ${fake.jwksUrl}: not JSON`));
});

test('a JWKS with no usable key is refused, saying so', async (t) => {
  const fake = await startFakeIssuer();
  t.after(() => fake.stop());
  fake.answerGarbage('{"keys":[{"kty":"EC","kid":"x"}]}');
  await assert.rejects(fetchStageJwks(fake.issuer, fake.jwksUrl), /the keys at .*: no usable RSA key with a kid/);
});
