import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createExpiryQueue } from './expiry-queue.ts';

test('takeBefore hands out the keys due before a time, soonest first, at most `limit`, and only once', () => {
  const queue = createExpiryQueue<string>();
  for (const [id, expiresAt] of [
    ['c', 30],
    ['a', 10],
    ['later', 100],
    ['b', 20],
  ] as const) {
    queue.set(id, id, expiresAt);
  }
  assert.deepEqual(
    queue.takeBefore(50, 2).map((entry) => entry.key),
    ['a', 'b'],
  );
  assert.deepEqual(queue.takeBefore(50, 10), [{ key: 'c', expiresAt: 30 }]);
  assert.deepEqual(queue.takeBefore(50, 10), []);
  assert.equal(queue.size, 1);
  assert.deepEqual(queue.takeBefore(101, 10), [{ key: 'later', expiresAt: 100 }]);
});

test('a key moved or forgotten is handed out at its current expiry or not at all', () => {
  const queue = createExpiryQueue<string>();
  queue.set('renewed', 'renewed', 10);
  queue.set('renewed', 'renewed', 100);
  queue.set('forgotten', 'forgotten', 10);
  queue.set('forgotten', 'forgotten', undefined);
  queue.set('back', 'back', 10);
  queue.set('back', 'back', 100);
  queue.set('back', 'back', 10);
  queue.set('same', 'same', 10);
  queue.set('same', 'same', 10);
  assert.deepEqual(
    queue
      .takeBefore(50, 10)
      .map((entry) => entry.key)
      .sort(),
    ['back', 'same'],
  );
  assert.deepEqual(queue.takeBefore(1000, 10), [{ key: 'renewed', expiresAt: 100 }]);
  assert.equal(queue.size, 0);
});

test('a key renewed many times keeps one current entry, and the oldest due key still comes first', () => {
  const queue = createExpiryQueue<number>();
  for (let round = 0; round < 50; round++) {
    for (let key = 0; key < 100; key++) queue.set(String(key), key, 1000 + round * 100 + key);
  }
  assert.equal(queue.size, 100);
  const due = queue.takeBefore(Number.POSITIVE_INFINITY, 1000);
  assert.deepEqual(
    due.map((entry) => entry.key),
    Array.from({ length: 100 }, (_, key) => key),
  );
  assert.ok(due.every((entry) => entry.expiresAt === 1000 + 49 * 100 + entry.key));
});
