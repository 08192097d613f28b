import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeClaims, tokenClaims } from './token-claims.ts';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

test("a token's claims are read from its payload, base64url and UTF-8 included", () => {
  const token = `${segment({ alg: 'RS256' })}.${segment({ sub: '3', name: 'Mária ~ß?>' })}.signature`;
  assert.deepEqual(tokenClaims(token), { sub: '3', name: 'Mária ~ß?>' });
  for (const notOne of ['', 'abc', 'a.!!!.c', `a.${segment([1, 2])}.c`]) assert.equal(tokenClaims(notOne), null, notOne);
});

test('times are shown as dates too', () => {
  assert.equal(describeClaims({ sub: '3', exp: 0 }), 'sub: "3"\nexp: 0  (1970-01-01T00:00:00.000Z)');
});
