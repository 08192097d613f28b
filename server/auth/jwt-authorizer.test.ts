import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { createJwtAuthorizer, claimsAsStrings } from './jwt-authorizer.ts';
import { jwksOf, loadOrCreateKeys } from './local-keys.ts';
import { issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from './local-issuer.ts';

const keyDir = mkdtempSync(path.join(tmpdir(), 'keys-'));
test.after(() => rmSync(keyDir, { recursive: true, force: true }));
const keys = loadOrCreateKeys(keyDir);
const authorizer = createJwtAuthorizer({ issuers: [{ issuer: LOCAL_ISSUER, audience: [LOCAL_AUDIENCE], jwks: jwksOf(keys) }] });
const NOW = Date.UTC(2026, 0, 1);
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function sign(payload: Record<string, unknown>, { key = keys.privateKeyPem, kid = keys.kid, algorithm = 'RS256' as const } = {}) {
  return createSigner({ key, kid, algorithm, noTimestamp: payload['iat'] === undefined })({
    iss: LOCAL_ISSUER,
    aud: LOCAL_AUDIENCE,
    sub: '1',
    exp: NOW / 1000 + 60,
    ...payload,
  });
}

const good = issueLocalToken({ keyDir, sub: '1', role: 'client', name: 'Alice', now: NOW });

const rejected: Array<[string, string | undefined]> = [
  ['no header', undefined],
  ['empty header', ''],
  ['not Bearer', `Basic ${Buffer.from('a:b').toString('base64')}`],
  ['garbage', 'Bearer not-a-jwt'],
  ['garbage with dots', 'Bearer a.b.c'],
  ['wrong signature', `Bearer ${sign({}, { key: otherKey })}`],
  ['wrong kid', `Bearer ${sign({}, { kid: 'nope' })}`],
  [
    'no kid',
    `Bearer ${createSigner({ key: keys.privateKeyPem, algorithm: 'RS256' })({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: NOW / 1000 + 60 })}`,
  ],
  ['expired', `Bearer ${sign({ exp: NOW / 1000 - 1 })}`],
  ['expires now', `Bearer ${sign({ exp: NOW / 1000 })}`],
  ['no exp', `Bearer ${sign({ exp: undefined })}`],
  ['nbf in the future', `Bearer ${sign({ nbf: NOW / 1000 + 30 })}`],
  ['iat in the future', `Bearer ${sign({ iat: NOW / 1000 + 30 })}`],
  ['wrong iss', `Bearer ${sign({ iss: 'someone-else' })}`],
  ['wrong aud', `Bearer ${sign({ aud: 'other-api' })}`],
  ['wrong aud, right client_id', `Bearer ${sign({ aud: 'other-api', client_id: LOCAL_AUDIENCE })}`],
  ['alg none', `Bearer ${b64({ alg: 'none', kid: keys.kid })}.${b64({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: NOW / 1000 + 60 })}.`],
  ['HS256 with the public key as secret', `Bearer ${sign({}, { key: JSON.stringify(keys.publicJwk), algorithm: 'HS256' as 'RS256' })}`],
  [
    'RS256 header over an HS256 signature',
    `Bearer ${b64({ alg: 'RS256', kid: keys.kid })}.${b64({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: NOW / 1000 + 60 })}.c2ln`,
  ],
];

for (const [name, header] of rejected) {
  test(`401: ${name}`, async () => {
    const verdict = await authorizer.authorize(header, [], NOW);
    assert.ok(!verdict.ok);
    assert.equal(verdict.code, 'GATEWAY_UNAUTHORIZED');
    assert.match(verdict.wwwAuthenticate, /^Bearer scope="" error="invalid_token" error_description="[^"]+"$/);
  });
}

test('wrong audience is described the way AWS describes it', async () => {
  const verdict = await authorizer.authorize(`Bearer ${sign({ aud: 'x' })}`, [], NOW);
  assert.ok(!verdict.ok);
  assert.equal(
    verdict.wwwAuthenticate,
    'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
  );
});

test('a valid local token passes, with claims as strings and no scopes', async () => {
  const verdict = await authorizer.authorize(`Bearer ${good}`, [], NOW + 1000);
  assert.ok(verdict.ok);
  assert.equal(verdict.claims['sub'], '1');
  assert.equal(verdict.claims['role'], 'client');
  assert.equal(verdict.claims['name'], 'Alice');
  assert.equal(verdict.claims['exp'], String(NOW / 1000 + 24 * 3600));
  assert.equal(verdict.scopes, null);
  assert.ok(Object.values(verdict.claims).every((v) => typeof v === 'string'));
});

test('the token is accepted without the Bearer prefix, as HTTP API does', async () => {
  assert.equal((await authorizer.authorize(good, [], NOW)).ok, true);
});

test('client_id counts when aud is absent', async () => {
  assert.equal((await authorizer.authorize(`Bearer ${sign({ aud: undefined, client_id: LOCAL_AUDIENCE })}`, [], NOW)).ok, true);
});

test('route scopes: one matching scope passes, none is 403 insufficient_scope', async () => {
  const scoped = sign({ scope: 'disputes/read disputes/write' });
  const pass = await authorizer.authorize(`Bearer ${scoped}`, ['disputes/write'], NOW);
  assert.ok(pass.ok);
  assert.deepEqual(pass.scopes, ['disputes/read', 'disputes/write']);
  const fail = await authorizer.authorize(`Bearer ${scoped}`, ['admin'], NOW);
  assert.ok(!fail.ok);
  assert.equal(fail.code, 'GATEWAY_FORBIDDEN');
  assert.match(fail.wwwAuthenticate, /error="insufficient_scope"/);
});

test('claims render like HTTP API: numbers printed, lists as [a b]', () => {
  assert.deepEqual(claimsAsStrings({ n: 5, b: true, groups: ['admin', 'ops'], s: 'x', o: { b: 1, a: 'z' } }), {
    n: '5',
    b: 'true',
    groups: '[admin ops]',
    s: 'x',
    o: 'map[a:z b:1]',
  });
});

test('a token verified once is still refused once it expires: only the signature is remembered, the time claims are checked on every call', async () => {
  const shortLived = sign({ exp: NOW / 1000 + 60 });
  assert.equal((await authorizer.authorize(`Bearer ${shortLived}`, [], NOW)).ok, true);
  const later = await authorizer.authorize(`Bearer ${shortLived}`, [], NOW + 61_000);
  assert.equal(later.ok, false);
  assert.match(later.ok ? '' : later.wwwAuthenticate, /the token has expired/);
});

test('a remembered signature does not vouch for a token that differs from it in one character', async () => {
  const token = sign({});
  assert.equal((await authorizer.authorize(`Bearer ${token}`, [], NOW)).ok, true);
  const [header, payload, signature] = token.split('.');
  const tampered = `${header}.${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
  const verdict = await authorizer.authorize(`Bearer ${tampered}`, [], NOW);
  assert.equal(verdict.ok, false);
});
