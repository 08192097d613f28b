import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectOwnGarbage } from './own-garbage.ts';

test("collects this process's garbage without making gc a global of its own context", () => {
  const before = typeof (globalThis as { gc?: unknown }).gc;
  collectOwnGarbage();
  collectOwnGarbage();
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, before);
});
