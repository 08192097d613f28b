import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startCpuShare } from './cpu-share.ts';

test('the share of a core: close to 1 while computing, close to 0 while waiting for a timer', async () => {
  const computing = startCpuShare();
  const until = performance.now() + 100;
  while (performance.now() < until) {
    // burn
  }
  // Time spent waiting for a core (other work on the machine) is not counted against the share.
  assert.ok(computing() > 0.7, `computing: ${computing()}`);
  const waiting = startCpuShare();
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(waiting() < 0.3, `waiting: ${waiting()}`);
});
