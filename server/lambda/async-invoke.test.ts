// Lambda's asynchronous invocation: "If the function returns an error, by
// default Lambda attempts to run it two more times" and then discards the
// event (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html);
// a retry keeps the request id (https://repost.aws/knowledge-center/lambda-function-duplicate-invocations).
// The waits are shortened here; the count of attempts is what is asserted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AsyncAttempt, createAsyncInvoker } from './async-invoke.ts';
import { createFunctionRuntime, type FunctionRuntime } from './function-runtime.ts';
import { buildFixtures, type BuiltFixtures } from './test-fixtures/built-fixtures.ts';
import { eventually } from './test-fixtures/eventually.ts';

const SHORT_WAITS = [50, 100];
let fixtures: BuiltFixtures;
let runtime: FunctionRuntime;
const lines: string[] = [];
const work = mkdtempSync(path.join(tmpdir(), 'async-invoke-'));

before(async () => {
  fixtures = await buildFixtures([
    { name: 'fn-throws', handler: 'throws.handler' },
    { name: 'fn-fails-first', handler: 'fails-first.handler' },
    { name: 'fn-simple', handler: 'simple.handler' },
    { name: 'fn-sleeps', handler: 'sleeps.handler', timeoutSeconds: 1 },
  ]);
  runtime = createFunctionRuntime({ functions: fixtures.functions, code: fixtures.code, environment: {}, log: (line) => lines.push(line) });
});
after(async () => {
  await runtime.dispose();
  fixtures.remove();
  rmSync(work, { recursive: true, force: true });
});

const linesOf = (requestId: string) => lines.filter((line) => line.includes(requestId));
const starts = (requestId: string) => lines.filter((line) => line.includes(`START RequestId: ${requestId} `));

test('the caller gets a request id at once; the function runs afterwards, with that request id', async () => {
  const invoker = createAsyncInvoker({ runtime, log: (line) => lines.push(line) });
  const requestId = invoker.invoke('fn-simple', { hello: 'world' });
  assert.match(requestId, /^[0-9a-f-]{36}$/);
  assert.equal(starts(requestId).length, 0, 'invoke returned before the function started');
  assert.equal(invoker.pending(), 1);
  await eventually(() => invoker.pending() === 0, 'the event is settled');
  assert.equal(starts(requestId).length, 1);
  assert.ok(!linesOf(requestId).some((line) => line.includes('ASYNC')), 'a success logs nothing of its own');
  await invoker.dispose();
});

test('a function that keeps failing is retried exactly twice (3 attempts, one request id), then dropped and logged', async () => {
  const invoker = createAsyncInvoker({ runtime, retryDelaysMs: SHORT_WAITS, log: (line) => lines.push(line) });
  const requestId = invoker.invoke('fn-throws', {});
  await eventually(() => linesOf(requestId).find((line) => line.includes('event dropped')), 'the event is dropped');
  assert.equal(invoker.pending(), 0);
  assert.equal(starts(requestId).length, 3);
  const own = linesOf(requestId).filter((line) => line.includes('\tASYNC\t'));
  assert.equal(own.length, 3);
  assert.match(own[0]!, /^\[fn-throws\] \S+\t[0-9a-f-]{36}\tASYNC\tAttempt 1 of 3 failed \(handler-error: .*boom\); retrying in 50 ms$/);
  assert.match(own[1]!, /Attempt 2 of 3 failed \(handler-error: .*\); retrying in 100 ms$/);
  assert.match(
    own[2]!,
    /Attempt 3 of 3 failed \(handler-error: .*\); event dropped: no on-failure destination or dead-letter queue is configured$/,
  );
  await invoker.dispose();
});

test('a function timeout is a function error too: retried', async () => {
  const invoker = createAsyncInvoker({ runtime, retryDelaysMs: [0], log: (line) => lines.push(line) });
  const requestId = invoker.invoke('fn-sleeps', {});
  await eventually(() => invoker.pending() === 0, 'the event is settled');
  assert.equal(starts(requestId).length, 2);
  assert.ok(linesOf(requestId).some((line) => /Attempt 1 of 2 failed \(timeout: /.test(line)));
  await invoker.dispose();
});

test('a function that succeeds on the 2nd attempt is not invoked a 3rd time', async () => {
  const invoker = createAsyncInvoker({ runtime, retryDelaysMs: SHORT_WAITS, log: (line) => lines.push(line) });
  const requestId = invoker.invoke('fn-fails-first', { marker: path.join(work, 'fails-first') });
  await eventually(() => invoker.pending() === 0, 'the event is settled');
  // Settled means no retry is waiting: none can come.
  assert.equal(starts(requestId).length, 2);
  assert.ok(!linesOf(requestId).some((line) => line.includes('event dropped')));
  await invoker.dispose();
});

test('shutdown cancels a waiting retry: no timer is left and the function is not run again', async () => {
  const invoker = createAsyncInvoker({ runtime, retryDelaysMs: [10 * 60_000, 10 * 60_000], log: (line) => lines.push(line) });
  const requestId = invoker.invoke('fn-throws', {});
  await eventually(() => linesOf(requestId).some((line) => line.includes('retrying in 600000 ms')), 'the first attempt failed');
  assert.equal(invoker.pending(), 1);
  await invoker.dispose();
  assert.equal(invoker.pending(), 0);
  assert.ok(linesOf(requestId).some((line) => line.includes('Retry cancelled: the emulator is stopping')));
  assert.equal(starts(requestId).length, 1);
  // (A leftover ten-minute timer would also keep this test file from exiting.)
  const late = invoker.invoke('fn-simple', {});
  assert.ok(linesOf(late).some((line) => line.includes('Not delivered: the emulator is stopping')));
  assert.equal(invoker.pending(), 0);
});

test('delivery never throws to its caller: a runtime that fails to invoke drops the event and says why', async () => {
  const logged: string[] = [];
  const broken = {
    invoke: async () => {
      throw new Error('Function not found: fn-missing');
    },
  };
  const invoker = createAsyncInvoker({ runtime: broken, log: (line) => logged.push(line) });
  const requestId = invoker.invoke('fn-missing', {});
  await eventually(() => invoker.pending() === 0, 'the event is settled');
  assert.deepEqual(
    logged.map((line) => line.split('\t').slice(1)),
    [[requestId, 'ASYNC', 'Invocation failed: Function not found: fn-missing; event dropped']],
  );
  await invoker.dispose();
});

test('at most two retries can be configured, as Lambda allows', () => {
  assert.throws(() => createAsyncInvoker({ runtime, retryDelaysMs: [1, 2, 3] }), /at most two/);
  assert.throws(() => createAsyncInvoker({ runtime, retryDelaysMs: [-1] }), /at most two/);
});

test('an observer gets every attempt once it has ended: trigger, outcome, its own log lines, and what came of a failure', async () => {
  const attempts: AsyncAttempt[] = [];
  const invoker = createAsyncInvoker({
    runtime,
    retryDelaysMs: SHORT_WAITS,
    log: (line) => lines.push(line),
    observe: (attempt) => attempts.push(attempt),
  });
  const failing = invoker.invoke('fn-throws', { n: 1 }, 'S3 ObjectCreated:Put uploads/a.png');
  const fine = invoker.invoke('fn-simple', {});
  await eventually(() => invoker.pending() === 0, 'both settled');
  const ofFailing = attempts.filter((attempt) => attempt.requestId === failing);
  assert.deepEqual(
    ofFailing.map((attempt) => [attempt.attempt, attempt.attempts, attempt.outcome.ok]),
    [
      [1, 3, false],
      [2, 3, false],
      [3, 3, false],
    ],
  );
  assert.equal(ofFailing[0]?.trigger, 'S3 ObjectCreated:Put uploads/a.png');
  assert.deepEqual(ofFailing[0]?.event, { n: 1 });
  assert.match(ofFailing[0]?.note ?? '', /^Attempt 1 of 3 failed \(handler-error: .*\); retrying in 50 ms$/);
  assert.match(ofFailing[2]?.note ?? '', /^Attempt 3 of 3 failed .*; event dropped/);
  assert.match(ofFailing[0]?.logs[0] ?? '', new RegExp(`^START RequestId: ${failing} `));
  assert.match(ofFailing[0]?.logs.at(-1) ?? '', new RegExp(`^REPORT RequestId: ${failing}\\t`));
  const ofFine = attempts.filter((attempt) => attempt.requestId === fine);
  assert.equal(ofFine.length, 1);
  assert.equal(ofFine[0]?.note, null);
  assert.equal(ofFine[0]?.trigger, 'asynchronous invocation');
  assert.equal(typeof ofFine[0]?.coldStart, 'boolean');
  await invoker.dispose();
});
