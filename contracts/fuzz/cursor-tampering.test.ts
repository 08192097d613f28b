import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../../handlers/domain/page-cursor.ts';
import { notACursor, tamperCursor } from './cursor-tampering.ts';

// The server's own cursor check, with a secret of the test's.
const binding = { sub: 7, scope: 'disputes:party:all' };
const secret = 'fuzz-test-secret';
const real = encodeCursor({ pk: 'USER#7', sk: 'DISPUTE#000000000042' }, binding, secret);

test('the real cursor decodes, so the checks below can fail', () => {
  assert.deepEqual(decodeCursor(real, binding, secret), { pk: 'USER#7', sk: 'DISPUTE#000000000042' });
});

test('a tampered cursor differs from the real one, is no longer, and the server refuses it', () => {
  fc.assert(
    fc.property(tamperCursor(real), (tampered) => {
      assert.notEqual(tampered, real);
      assert.ok(tampered.length > 0 && tampered.length <= real.length);
      assert.equal(decodeCursor(tampered, binding, secret), null);
    }),
    { seed: 99, numRuns: 300 },
  );
});

test('tampering flips characters in place as well as cutting the end off', () => {
  const tampered = fc.sample(tamperCursor(real), { seed: 5, numRuns: 100 });
  assert.ok(tampered.some((cursor) => cursor.length === real.length));
  assert.ok(tampered.some((cursor) => cursor.length < real.length));
  assert.throws(() => tamperCursor(''), /needs a cursor/);
  assert.ok(fc.sample(tamperCursor('a'), { seed: 1, numRuns: 20 }).every((cursor) => cursor.length === 1 && cursor !== 'a'));
});

test('a made-up cursor fits the schema (1 to 2048 characters) and the server refuses it', () => {
  fc.assert(
    fc.property(notACursor(2048), (cursor) => {
      assert.ok(cursor.length >= 1 && cursor.length <= 2048);
      assert.equal(decodeCursor(cursor, binding, secret), null);
    }),
    { seed: 99, numRuns: 300 },
  );
  assert.ok(fc.sample(notACursor(2048), { seed: 3, numRuns: 50 }).some((cursor) => /^[\w-]+\.[\w-]{43}$/.test(cursor)));
});
