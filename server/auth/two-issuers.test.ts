// The authorizer with a stage issuer beside the local one (hybrid mode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSigner } from 'fast-jwt';
import { startFakeIssuer } from '../../test-support/fake-issuer.ts';
import { createJwtAuthorizer } from './jwt-authorizer.ts';
import { issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from './local-issuer.ts';
import { jwksOf, loadOrCreateKeys } from './local-keys.ts';
import { openStageKeys } from './stage-keys.ts';

const STAGE_AUDIENCE = 'app-client';

async function hybrid(t: { after(fn: () => unknown): void }) {
  const keyDir = mkdtempSync(path.join(tmpdir(), 'two-issuers-'));
  t.after(() => rmSync(keyDir, { recursive: true, force: true }));
  const fake = await startFakeIssuer();
  t.after(() => fake.stop());
  let now = Date.now();
  const stageKeys = await openStageKeys({ issuer: fake.issuer, keyDir, clock: () => now, report: assert.fail });
  const authorizer = createJwtAuthorizer({
    issuers: [
      { issuer: fake.issuer, audience: [STAGE_AUDIENCE], jwks: stageKeys },
      { issuer: LOCAL_ISSUER, audience: [LOCAL_AUDIENCE], jwks: jwksOf(loadOrCreateKeys(keyDir)) },
    ],
  });
  const authorize = (token: string) => authorizer.authorize(`Bearer ${token}`, [], Date.now());
  const local = loadOrCreateKeys(keyDir);
  /** Signed by the local key, with these claims (issueLocalToken sets iss and aud itself). */
  const localSigned = (claims: Record<string, unknown>) =>
    createSigner({ key: local.privateKeyPem, kid: local.kid, algorithm: 'RS256' })({
      sub: '1',
      exp: Math.floor(Date.now() / 1000) + 600,
      ...claims,
    });
  return { keyDir, fake, authorize, localSigned, later: (ms: number) => (now += ms) };
}

const description = (verdict: { ok: boolean; wwwAuthenticate?: string }) =>
  /error_description="([^"]*)"/.exec(verdict.wwwAuthenticate ?? '')?.[1];

test("a stage's token and a local one are both accepted, each with its own claims", async (t) => {
  const { keyDir, fake, authorize } = await hybrid(t);
  const stage = await authorize(fake.sign(STAGE_AUDIENCE, { sub: '7', 'cognito:groups': ['admin'] }));
  assert.ok(stage.ok);
  assert.equal(stage.claims['iss'], fake.issuer);
  assert.equal(stage.claims['sub'], '7');
  const local = await authorize(issueLocalToken({ keyDir, sub: '1', role: 'client' }));
  assert.ok(local.ok);
  assert.equal(local.claims['iss'], LOCAL_ISSUER);
});

test("each issuer's token is held to its own issuer and audience", async (t) => {
  const { fake, authorize, localSigned } = await hybrid(t);
  // Signed by the local key, claiming the stage: the local issuer's checks refuse it.
  const localAsStage = localSigned({ iss: fake.issuer, aud: STAGE_AUDIENCE });
  assert.equal(description(await authorize(localAsStage)), 'the token does not have a valid issuer');
  // Signed by the stage's key, with the local issuer's names.
  const stageAsLocal = fake.sign(LOCAL_AUDIENCE, { iss: LOCAL_ISSUER });
  assert.equal(description(await authorize(stageAsLocal)), 'the token does not have a valid issuer');
  assert.equal(description(await authorize(fake.sign(LOCAL_AUDIENCE))), 'the token does not have a valid audience');
  assert.equal(
    description(await authorize(localSigned({ iss: LOCAL_ISSUER, aud: STAGE_AUDIENCE }))),
    'the token does not have a valid audience',
  );
});

test('a rotated stage key is fetched on its first token; unknown kids then wait a minute, however many come', async (t) => {
  const { fake, authorize, later } = await hybrid(t);
  fake.rotate();
  const rotated = fake.sign(STAGE_AUDIENCE);
  const verdicts = await Promise.all([authorize(rotated), authorize(rotated)]);
  assert.ok(verdicts.every((verdict) => verdict.ok));
  assert.equal(fake.jwksRequests(), 2);
  fake.rotate();
  const again = fake.sign(STAGE_AUDIENCE);
  for (let i = 0; i < 3; i++) {
    assert.equal(description(await authorize(again)), 'the token has no kid that matches a key of the issuer');
  }
  assert.equal(fake.jwksRequests(), 2);
  later(60_000);
  assert.ok((await authorize(again)).ok);
  assert.equal(fake.jwksRequests(), 3);
});
