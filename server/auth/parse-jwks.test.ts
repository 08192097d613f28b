import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { parseJwks } from './parse-jwks.ts';

const rsa = () => ({ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }), kid: 'good' });

test('keys the authorizer could not use are left out, never met when a token comes', () => {
  const good = rsa();
  const parsed = parseJwks({
    keys: [good, { kty: 'RSA', kid: 'x5c-only', x5c: ['MIIB'] }, { kty: 'EC', kid: 'ec', crv: 'P-256' }, { ...rsa(), kid: undefined }],
  });
  assert.deepEqual(
    parsed.keys.map((key) => key.kid),
    ['good'],
  );
});

test('no usable key, or no keys array, is refused with what is wrong', () => {
  assert.throws(() => parseJwks({ keys: [{ kty: 'RSA', kid: 'x5c-only', x5c: ['MIIB'] }] }), /no usable RSA key with a kid/);
  assert.throws(() => parseJwks({ key: [] }), /no "keys" array/);
  assert.throws(() => parseJwks(null), /no "keys" array/);
});
