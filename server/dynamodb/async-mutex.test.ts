import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { LockTimeoutError, createMutex } from './async-mutex.ts';

test('tasks run one at a time, in order, and a failure does not block the next', async () => {
  const mutex = createMutex();
  const events: string[] = [];
  const task =
    (name: string, ms: number, fail = false) =>
    async () => {
      events.push(`start ${name}`);
      await sleep(ms);
      events.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
  const results = await Promise.allSettled([mutex.run(task('a', 20)), mutex.run(task('b', 5, true)), mutex.run(task('c', 1))]);
  assert.deepEqual(events, ['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  assert.equal(results[0].status, 'fulfilled');
  assert.equal(results[1].status, 'rejected');
  assert.equal(results[2].status, 'fulfilled');
});

test('a task that cannot get the lock in time fails with LockTimeoutError and never runs; those after it still do', async () => {
  const mutex = createMutex({ waitTimeoutMs: 50 });
  let releaseHolder!: () => void;
  const holder = mutex.run(() => new Promise<string>((resolve) => (releaseHolder = () => resolve('holder'))));
  const ran: string[] = [];
  const late = mutex.run(async () => void ran.push('late'));
  await assert.rejects(late, LockTimeoutError);
  const next = new Promise<string>((resolve) =>
    setTimeout(
      () =>
        resolve(
          mutex.run(async () => {
            ran.push('next');
            return 'next';
          }),
        ),
      0,
    ),
  );
  releaseHolder();
  assert.equal(await holder, 'holder');
  assert.equal(await next, 'next');
  assert.deepEqual(ran, ['next']);
});
