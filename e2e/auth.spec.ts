// What API Gateway's JWT authorizer refuses, the emulator refuses the same
// way: 401 {"message":"Unauthorized"} with a www-authenticate header (AWS doc
// "Troubleshooting issues with HTTP API JWT authorizers").
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSigner } from 'fast-jwt';
import { parse } from 'yaml';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../server/auth/local-issuer.ts';
import { loadOrCreateKeys } from '../server/auth/local-keys.ts';
import { clientA } from './support/test-users.ts';
import { localKeyDir } from './support/token-sources.ts';
import { targetIsLocal, tokenFor } from './support/tokens.ts';
import { expect, test } from './support/fixtures.ts';

const contract = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};
/** Every operation of the contract, with a concrete path. */
const operations = Object.entries(contract.paths).flatMap(([path, methods]) =>
  Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: path.replace('{id}', '1') })),
);

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Forger {
  keys: ReturnType<typeof loadOrCreateKeys>;
  now: number;
  sign(options: Record<string, unknown>, payload?: Record<string, unknown>): string;
}

const claims = { sub: '1', role: 'client' };

function localForger(): Forger {
  const keys = loadOrCreateKeys(localKeyDir);
  return {
    keys,
    now: Date.now(),
    sign: (options, payload = claims) =>
      createSigner({ key: keys.privateKeyPem, algorithm: 'RS256', kid: keys.kid, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, ...options })(
        payload,
      ),
  };
}

const badTokens: [string, (forger: Forger) => string | undefined][] = [
  ['no authorization header', () => undefined],
  ['not a bearer token', () => 'Basic dXNlcjpwYXNz'],
  ['garbage', () => 'Bearer not.a.jwt'],
  ['expired', ({ sign, now }) => `Bearer ${sign({ expiresIn: 60_000, clockTimestamp: now - 3_600_000 })}`],
  ['not valid yet', ({ sign }) => `Bearer ${sign({ expiresIn: 3_600_000, notBefore: 600_000 })}`],
  ['wrong issuer', ({ sign }) => `Bearer ${sign({ iss: 'https://evil.example', expiresIn: 60_000 })}`],
  ['wrong audience', ({ sign }) => `Bearer ${sign({ aud: 'someone-else', expiresIn: 60_000 })}`],
  [
    'signed by another key with our kid',
    ({ keys }) => {
      const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      return `Bearer ${createSigner({ key: stranger, algorithm: 'RS256', kid: keys.kid, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, expiresIn: 60_000 })(claims)}`;
    },
  ],
  ['unknown kid', ({ sign }) => `Bearer ${sign({ kid: 'no-such-key', expiresIn: 60_000 })}`],
  [
    'alg none',
    ({ now }) =>
      `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: now / 1000 + 600 })}.`,
  ],
  [
    'HS256 with the public key as secret',
    ({ keys }) =>
      `Bearer ${createSigner({ key: JSON.stringify(keys.publicJwk), algorithm: 'HS256', iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, expiresIn: 60_000 })(claims)}`,
  ],
];

/** The cases that sign nothing, so they run against a stage too. */
const UNSIGNED = new Set(['no authorization header', 'not a bearer token', 'garbage', 'alg none']);

const unsignedForger: Forger = {
  get keys(): Forger['keys'] {
    throw new Error('this case signs nothing');
  },
  now: Date.now(),
  sign: () => {
    throw new Error('this case signs nothing');
  },
};

test.describe('JWT authorizer', () => {
  for (const [name, forge] of badTokens) {
    const needsKey = !UNSIGNED.has(name);
    test(`401 for ${name}`, async ({ request }) => {
      test.skip(needsKey && !targetIsLocal, "forging a signed token needs the local issuer's key");
      const authorization = forge(needsKey ? localForger() : unsignedForger);
      const response = await request.get('/disputes', { headers: authorization ? { authorization } : {} });
      expect(response.status()).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
      expect(response.headers()['www-authenticate']).toMatch(/^Bearer /);
      expect(response.headers()['apigw-requestid']).toBeTruthy();
    });
  }
});

test('every operation of the contract is behind the authorizer', async ({ request }) => {
  expect(operations).toHaveLength(11);
  for (const { method, path } of operations) {
    const response = await request.fetch(path, { method, data: method === 'GET' ? undefined : {} });
    expect(response.status(), `${method} ${path}`).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  }
});

test("unmatched routes and methods are API Gateway's 404", async ({ request }) => {
  const authorization = `Bearer ${await tokenFor(clientA)}`;
  for (const [method, path] of [
    ['GET', '/nope'],
    ['DELETE', '/disputes/1'],
    ['PUT', '/disputes'],
    ['GET', '/disputes/1/unknown'],
  ]) {
    const response = await request.fetch(path!, { method, headers: { authorization } });
    expect(response.status(), `${method} ${path}`).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
    expect(response.headers()['apigw-requestid']).toBeTruthy();
  }
});
