import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { decodeCursor, encodeCursor } from './page-cursor.ts';

const SECRET = 'test-secret';
const binding = { sub: 1, scope: 'disputes:party:open' };
const key = { PK: 'USER#1', SK: 'DISPUTE#2026-11-26T10:00:00.000Z#000000000007' };

test('a cursor round-trips for the same caller and list', () => {
  assert.deepEqual(decodeCursor(encodeCursor(key, binding, SECRET), binding, SECRET), key);
});

test('a cursor is refused for another caller, list or secret', () => {
  const cursor = encodeCursor(key, binding, SECRET);
  assert.equal(decodeCursor(cursor, { ...binding, sub: 2 }, SECRET), null);
  assert.equal(decodeCursor(cursor, { ...binding, scope: 'disputes:party:*' }, SECRET), null);
  assert.equal(decodeCursor(cursor, binding, 'other-secret'), null);
});

test('a tampered payload or signature is refused', () => {
  const [body, signature] = encodeCursor(key, binding, SECRET).split('.') as [string, string];
  const forged = Buffer.from(JSON.stringify({ v: 1, sub: 1, scope: binding.scope, key: { PK: 'USER#2', SK: 'x' } })).toString('base64url');
  assert.equal(decodeCursor(`${forged}.${signature}`, binding, SECRET), null);
  const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
  assert.equal(decodeCursor(`${body}.${flipped}`, binding, SECRET), null);
});

test('malformed cursors are refused, never thrown', () => {
  for (const cursor of ['', '.', 'abc', 'a.b.c', '%%%.###', `${Buffer.from('not json').toString('base64url')}.x`]) {
    assert.equal(decodeCursor(cursor, binding, SECRET), null, cursor);
  }
});

test('a correctly signed payload of the wrong shape is refused', () => {
  const body = Buffer.from(JSON.stringify({ v: 1, sub: 1, scope: binding.scope, key: { PK: 5 } })).toString('base64url');
  const signature = createHmac('sha256', SECRET).update(body).digest('base64url');
  assert.equal(decodeCursor(`${body}.${signature}`, binding, SECRET), null);
});
