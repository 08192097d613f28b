import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectOwnGarbage } from './own-garbage.ts';

test("collects this process's garbage once its heap has grown, without making gc a global of its own context", () => {
  const before = typeof (globalThis as { gc?: unknown }).gc;
  // 64 MB held, then let go: garbage worth a collection.
  let held: number[][] | undefined = Array.from({ length: 64 }, (_, i) => new Array(128 * 1024).fill(i));
  assert.equal(held.length, 64);
  held = undefined;
  assert.equal(collectOwnGarbage(), true);
  assert.equal(collectOwnGarbage(), false, 'nothing has grown since');
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, before);
});
