import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { totalmem } from 'node:os';
import { createFunctionRuntime, type FunctionRuntime, type FunctionRuntimeOptions } from './function-runtime.ts';
import { defaultMemoryBudgetMb, type MemoryGauge } from './memory-gauge.ts';
import { lambdaNodeFlags } from './execution-environment.ts';
import { buildFixtures, type BuiltFixtures, type FixtureFunction } from './test-fixtures/built-fixtures.ts';
import type { FunctionCode } from './invocation.ts';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../local-aws.ts';
import { debuggerUrl } from './test-fixtures/inspector-client.ts';
import { freePort } from '../../test-support/free-port.ts';

const FIXTURES: FixtureFunction[] = [
  { name: 'fn-echo', handler: 'echo.handler' },
  { name: 'fn-other', handler: 'echo.handler' },
  { name: 'fn-sleep', handler: 'sleeps.handler' },
  { name: 'fn-sleep-1s', handler: 'sleeps.handler', timeoutSeconds: 1 },
  { name: 'fn-throws', handler: 'throws.handler' },
  { name: 'fn-bad', handler: 'bad-result.handler' },
  { name: 'fn-init', handler: 'init-fails.handler' },
  { name: 'fn-noexport', handler: 'no-export.handler' },
  { name: 'fn-big', handler: 'big-result.handler' },
  { name: 'fn-cb', handler: 'callback.handler' },
  { name: 'fn-succeeds', handler: 'context-methods.succeeds' },
  { name: 'fn-fails', handler: 'context-methods.fails' },
  { name: 'fn-done', handler: 'context-methods.done' },
  { name: 'fn-nested', handler: 'context-methods.nested.handler' },
  { name: 'fn-plain', handler: 'context-methods.returnsPlainValue' },
  { name: 'fn-waits', handler: 'event-loop.waits' },
  { name: 'fn-no-wait', handler: 'event-loop.doesNotWait' },
  { name: 'fn-spins', handler: 'spins.handler' },
  { name: 'fn-burns', handler: 'burns-cpu.handler' },
];

let fixtures: BuiltFixtures;
before(async () => {
  fixtures = await buildFixtures(FIXTURES);
});
after(() => fixtures.remove());

function runtimeWith(
  lines: string[] = [],
  max?: number,
  code?: (name: string) => FunctionCode,
  idleTimeoutMs?: number,
  maxTotal?: number,
): FunctionRuntime {
  let n = 0;
  return createFunctionRuntime({
    functions: fixtures.functions,
    code: code ?? fixtures.code,
    environment: (fn) => ({ ONLY_FOR: fn.functionName, NODE_OPTIONS: '--enable-source-maps' }),
    log: (line) => lines.push(line),
    newRequestId: () => `req-${++n}`,
    // The tests that count environments set their bounds; the others get room whatever the machine.
    maxEnvironmentsPerFunction: max ?? 2,
    maxEnvironments: maxTotal ?? 16,
    ...(idleTimeoutMs ? { idleTimeoutMs } : {}),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the JSON a fixture echoes back, read freely by the assertions
function body(outcome: Awaited<ReturnType<FunctionRuntime['invoke']>>): Record<string, any> {
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
  return JSON.parse((outcome.result as { body: string }).body);
}

test('runs a bundled handler with a Lambda context, in its task root, with its own environment only', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith(lines);
  process.env['HOST_ONLY_MARKER'] = 'leaked';
  try {
    const first = body(await runtime.invoke('fn-echo', { rawPath: '/a' }, { traceId: 'Root=1-67891233-abcdef012345678912345678' }));
    assert.deepEqual(first['event'], { rawPath: '/a' });
    assert.equal(first['context'].functionName, 'fn-echo');
    assert.equal(first['context'].functionVersion, '$LATEST');
    assert.equal(first['context'].memoryLimitInMB, '256');
    assert.deepEqual(first['execArgv'], lambdaNodeFlags(256), 'node runs with the flags Lambda derives from the memory size');
    assert.equal(first['context'].awsRequestId, 'req-1');
    assert.equal(first['context'].logGroupName, '/aws/lambda/fn-echo');
    assert.match(first['context'].logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(first['context'].invokedFunctionArn, `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:fn-echo`);
    assert.ok(first['context'].remaining > 0 && first['context'].remaining <= 5000);
    assert.equal(first['context'].callbackWaitsForEmptyEventLoop, true);
    const env = first['env'];
    assert.equal(env.ONLY_FOR, 'fn-echo');
    assert.equal(env.HOST_ONLY_MARKER, undefined, 'the host environment does not leak');
    assert.equal(process.env['ONLY_FOR'], undefined, 'the host environment is untouched');
    // The variables Lambda defines (docs: configuration-envvars, "Defined runtime environment variables").
    assert.equal(first['cwd'], fixtures.code('fn-echo').ok ? (fixtures.code('fn-echo') as { taskRoot: string }).taskRoot : '');
    assert.equal(env.LAMBDA_TASK_ROOT, first['cwd']);
    assert.ok(env.LAMBDA_RUNTIME_DIR);
    assert.equal(env._HANDLER, 'echo.handler');
    assert.equal(env.AWS_EXECUTION_ENV, 'AWS_Lambda_nodejs22.x');
    assert.equal(env.AWS_LAMBDA_INITIALIZATION_TYPE, 'on-demand');
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'fn-echo');
    assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '256');
    assert.equal(env.AWS_LAMBDA_LOG_STREAM_NAME, first['context'].logStreamName);
    assert.equal(env.LANG, 'en_US.UTF-8');
    assert.equal(env.TZ, ':UTC');
    assert.match(env.PATH, /\/usr\/local\/bin:\/usr\/bin\/:\/bin:\/opt\/bin$/);
    // As the nodejs runtimes' bootstrap sets them, with /var/task and /var/runtime where they are here (no layers: no /opt).
    assert.equal(env.NODE_PATH, `${env.LAMBDA_RUNTIME_DIR}/node_modules:${env.LAMBDA_RUNTIME_DIR}:${env.LAMBDA_TASK_ROOT}`);
    assert.match(
      env.LD_LIBRARY_PATH,
      new RegExp(
        `:/lib64:/usr/lib64:${env.LAMBDA_RUNTIME_DIR}:${env.LAMBDA_RUNTIME_DIR}/lib:${env.LAMBDA_TASK_ROOT}:${env.LAMBDA_TASK_ROOT}/lib$`,
      ),
    );
    // The environment serves no Runtime API (invocations arrive on an IPC channel): nothing may try to reach one.
    assert.equal(env.AWS_LAMBDA_RUNTIME_API, undefined);
    assert.equal(env.GLIBC_TUNABLES, undefined, "the allocator setting of the emulator's own is not the function's to see");
    assert.equal(env._X_AMZN_TRACE_ID, 'Root=1-67891233-abcdef012345678912345678');
    // Warm: same module scope, the next invocation's trace. Other function: its own scope and variables.
    const second = body(await runtime.invoke('fn-echo', {}, { traceId: 'Root=1-67891233-000000000000000000000002' }));
    assert.equal(second['invocations'], 2);
    assert.equal(second['env']._X_AMZN_TRACE_ID, 'Root=1-67891233-000000000000000000000002');
    const other = body(await runtime.invoke('fn-other', {}));
    assert.equal(other['invocations'], 1);
    assert.equal(other['env'].ONLY_FOR, 'fn-other');
    assert.notEqual(other['cwd'], first['cwd']);

    const echoLines = lines.filter((line) => line.startsWith('[fn-echo] '));
    assert.match(echoLines[0] ?? '', /^\[fn-echo\] START RequestId: req-1 Version: \$LATEST$/);
    assert.ok(
      echoLines.some((line) => /^\[fn-echo\] \S+Z\treq-1\tINFO\techo \/a$/.test(line)),
      echoLines.join('\n'),
    );
    const reports = echoLines.filter((line) => line.includes('REPORT RequestId'));
    assert.match(
      reports[0] ?? '',
      /Duration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/,
    );
    assert.doesNotMatch(reports[1] ?? '', /Init Duration/, 'no init duration when warm');
    const info = echoLines.findIndex((line) => line.includes('\tINFO\t'));
    assert.ok(info >= 0 && info < echoLines.indexOf(reports[0]!), 'the handler line comes before its REPORT');
  } finally {
    delete process.env['HOST_ONLY_MARKER'];
    await runtime.dispose();
  }
});

test('concurrent invocations get separate environments (cold starts)', async () => {
  const runtime = runtimeWith();
  try {
    const results = await Promise.all([runtime.invoke('fn-echo', {}), runtime.invoke('fn-echo', {})]);
    assert.deepEqual(results.map((r) => body(r)['invocations']).sort(), [1, 1]);
  } finally {
    await runtime.dispose();
  }
});

test('an environment idle past its time is stopped: the next invocation is a cold start', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith(lines, undefined, undefined, 200);
  try {
    assert.equal(body(await runtime.invoke('fn-echo', {}))['invocations'], 1);
    assert.equal(body(await runtime.invoke('fn-echo', {}))['invocations'], 2, 'warm while in use');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // well past 200 ms idle plus a 50 ms check, even on a busy machine
    assert.equal(body(await runtime.invoke('fn-echo', {}))['invocations'], 1, 'a fresh environment after the idle time');
    assert.equal(lines.filter((line) => line.includes('Init Duration')).length, 2);
  } finally {
    await runtime.dispose();
  }
});

test("the default budget: a quarter of the machine's memory, at least 1 GB", () => {
  assert.equal(defaultMemoryBudgetMb(), Math.max(1024, Math.floor(totalmem() / 1024 / 1024 / 4)));
});

/** A runtime with the emulator's default bounds, or the ones given. */
const runtimeWithBounds = (
  lines: string[],
  bounds: Pick<FunctionRuntimeOptions, 'memoryBudgetMb' | 'memoryGauge' | 'cores' | 'collectGarbage'> = {},
): FunctionRuntime =>
  createFunctionRuntime({
    functions: fixtures.functions,
    code: fixtures.code,
    environment: {},
    log: (line) => lines.push(line),
    ...bounds,
  });

test('with the default settings (unreserved, the default budget), parallel calls to one function each get an environment, as on Lambda', async () => {
  const lines: string[] = [];
  const runtime = runtimeWithBounds(lines);
  try {
    // Each sleeps 1 s, longer than a cold start: the others start environments of their own rather than wait for it.
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => runtime.invoke('fn-sleep', { body: '1000' })));
    assert.ok(outcomes.every((outcome) => outcome.ok));
    assert.equal(initLines(lines, 'fn-sleep').length, 4, 'four cold starts: four environments');
  } finally {
    await runtime.dispose();
  }
});

test("calls that keep a core busy run no more at once than the machine's cores: on one core, parallel calls take turns on one environment", async () => {
  const lines: string[] = [];
  const runtime = runtimeWithBounds(lines, { cores: 1 });
  try {
    // The first call measures the function's share of a core (about all of it).
    assert.equal((await runtime.invoke('fn-burns', { body: '100' })).ok, true);
    const outcomes = await Promise.all(Array.from({ length: 3 }, () => runtime.invoke('fn-burns', { body: '100' })));
    assert.ok(outcomes.every((outcome) => outcome.ok));
    assert.equal(initLines(lines, 'fn-burns').length, 1, 'no environment started beside the busy one');
    // A function whose share is not known yet (none of its calls has answered) is not held back: both start beside the busy one.
    const [burning, ...sleeping] = await Promise.all([
      runtime.invoke('fn-burns', { body: '300' }),
      ...Array.from({ length: 2 }, () => runtime.invoke('fn-sleep', { body: '100' })),
    ]);
    assert.ok(burning!.ok && sleeping.every((outcome) => outcome.ok));
    assert.equal(initLines(lines, 'fn-sleep').length, 2, 'both sleeping calls ran at once');
  } finally {
    await runtime.dispose();
  }
});

/** A gauge that counts `baseMb` for the emulator and `environmentMb` for each environment it is shown. */
const countingGauge =
  (baseMb: number, environmentMb: number) =>
  (pids: () => readonly number[]): MemoryGauge => ({
    usedMb: () => baseMb + pids().length * environmentMb,
    environmentMb: () => environmentMb,
    started: () => undefined,
    stopped: () => undefined,
  });

test('the memory budget bounds the environments: beyond it, calls wait for one to finish instead of starting more', async () => {
  const lines: string[] = [];
  // Room for two 40 MB environments beside a 100 MB emulator.
  const runtime = runtimeWithBounds(lines, { memoryBudgetMb: 180, memoryGauge: countingGauge(100, 40) });
  try {
    const outcomes = await Promise.all(Array.from({ length: 3 }, () => runtime.invoke('fn-sleep', { body: '300' })));
    assert.ok(outcomes.every((outcome) => outcome.ok));
    assert.equal(initLines(lines, 'fn-sleep').length, 2, 'the third call waited for one of the two');
    // A call to another function makes room: the idle environment used longest is stopped for it.
    assert.equal(body(await runtime.invoke('fn-echo', {}))['invocations'], 1);
    assert.equal((await runtime.invoke('fn-sleep', { body: '1' })).ok, true);
    assert.equal(initLines(lines, 'fn-sleep').length, 2, 'fn-sleep kept one warm environment');
  } finally {
    await runtime.dispose();
  }
});

test('over the budget: the emulator collects its own garbage first; what that does not give back, idle environments do, never the last one', async () => {
  const lines: string[] = [];
  let emulatorMb = 50;
  let collections = 0;
  let environmentPids: () => readonly number[] = () => [];
  const runtime = runtimeWithBounds(lines, {
    memoryBudgetMb: 300,
    memoryGauge: (pids) => {
      environmentPids = pids;
      return { ...countingGauge(0, 40)(pids), usedMb: () => emulatorMb + pids().length * 40 };
    },
    collectGarbage: () => {
      collections += 1;
      emulatorMb = 50;
      return true;
    },
  });
  const waitFor = async (done: () => boolean) => {
    for (let tries = 0; !done() && tries < 100; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  try {
    await Promise.all(Array.from({ length: 2 }, () => runtime.invoke('fn-sleep', { body: '300' })));
    assert.deepEqual(
      { collections, environments: environmentPids().length },
      { collections: 0, environments: 2 },
      'room to spare: nothing done',
    );
    emulatorMb = 250; // 30 MB over: garbage, collected; both environments stay
    await waitFor(() => collections > 0);
    assert.deepEqual({ collections, environments: environmentPids().length }, { collections: 1, environments: 2 });
    emulatorMb = 260; // 40 MB over again, within 10 s of the collection: one environment goes
    await waitFor(() => environmentPids().length < 2);
    assert.equal(environmentPids().length, 1);
    emulatorMb = 1000; // the emulator alone is over: the last environment stays to serve
    await new Promise((resolve) => setTimeout(resolve, 2500)); // two checks of the budget
    assert.equal(environmentPids().length, 1);
    assert.equal((await runtime.invoke('fn-sleep', { body: '1' })).ok, true);
    assert.equal(initLines(lines, 'fn-sleep').length, 2, 'served warm by the one left');
  } finally {
    await runtime.dispose();
  }
});

const initLines = (lines: string[], fn: string) =>
  lines.filter((line) => line.startsWith(`[${fn}] REPORT`) && line.includes('Init Duration'));

test('at the total bound, the environment idle longest (of another function) makes room', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith(lines, 2, undefined, undefined, 2);
  try {
    body(await runtime.invoke('fn-echo', {}));
    body(await runtime.invoke('fn-other', {}));
    // Two environments live; a third function's call stops fn-echo's (idle longest), not fn-other's.
    assert.equal((await runtime.invoke('fn-succeeds', {})).ok, true);
    assert.equal(body(await runtime.invoke('fn-other', {}))['invocations'], 2, 'fn-other stayed warm');
    assert.equal(body(await runtime.invoke('fn-echo', {}))['invocations'], 1, 'fn-echo starts again: it was stopped');
    assert.equal(initLines(lines, 'fn-echo').length, 2);
  } finally {
    await runtime.dispose();
  }
});

test('at the total bound with every environment busy, a caller waits until one finishes, then gets its place', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith(lines, 2, undefined, undefined, 1);
  try {
    const slow = runtime.invoke('fn-sleep', { body: '300' });
    await new Promise((resolve) => setTimeout(resolve, 100)); // fn-sleep's environment is starting or busy
    const began = Date.now();
    const waiting = runtime.invoke('fn-echo', {});
    const [slept, echoed] = await Promise.all([slow, waiting]);
    assert.equal(slept.ok, true);
    assert.equal(body(echoed)['invocations'], 1);
    assert.ok(Date.now() - began >= 150, 'fn-echo did not start before fn-sleep finished');
    // The place went to fn-echo: fn-sleep's environment was stopped to make it.
    assert.equal((await runtime.invoke('fn-sleep', { body: '1' })).ok, true);
    assert.equal(initLines(lines, 'fn-sleep').length, 2);
  } finally {
    await runtime.dispose();
  }
});

test('waiting callers are served longest-waiting first, across functions', async () => {
  const order: string[] = [];
  const runtime = runtimeWith([], 1, undefined, undefined, 1);
  try {
    const first = runtime.invoke('fn-sleep', { body: '200' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // fn-other asks before the second fn-sleep does: it is served before it.
    const other = runtime.invoke('fn-other', {}).then((outcome) => {
      order.push('fn-other');
      return outcome;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = runtime.invoke('fn-sleep', { body: '1' }).then((outcome) => {
      order.push('fn-sleep');
      return outcome;
    });
    const outcomes = await Promise.all([first, other, second]);
    assert.ok(outcomes.every((outcome) => outcome.ok));
    assert.deepEqual(order, ['fn-other', 'fn-sleep']);
  } finally {
    await runtime.dispose();
  }
});

test('beyond the bound, callers wait for a free environment (one environment serves both in turn)', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith(lines, 1);
  try {
    const results = await Promise.all([runtime.invoke('fn-echo', {}), runtime.invoke('fn-echo', {})]);
    assert.deepEqual(results.map((r) => body(r)['invocations']).sort(), [1, 2]);
    assert.equal(lines.filter((line) => line.includes('Init Duration')).length, 1);
  } finally {
    await runtime.dispose();
  }
});

test('failures are outcomes with a kind; stack traces point to the TypeScript source', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith(lines);
  try {
    const thrown = await runtime.invoke('fn-throws', {});
    assert.deepEqual(thrown.ok ? null : thrown.kind, 'handler-error');
    const invokeError = lines.find((line) => line.includes('\tERROR\tInvoke Error'));
    assert.ok(invokeError?.includes('"errorType":"TypeError"'), invokeError);
    assert.match(invokeError ?? '', /test-fixtures\/throws\.ts:2:\d+/, 'the source map leads to the .ts line');
    // A malformed result is still a result: judging it is the gateway's job.
    assert.equal((await runtime.invoke('fn-bad', {})).ok, true);
    const init = await runtime.invoke('fn-init', {});
    assert.equal(init.ok ? null : init.kind, 'init-error');
    const noExport = await runtime.invoke('fn-noexport', {});
    assert.equal(noExport.ok ? null : noExport.kind, 'init-error');
    assert.match(noExport.ok ? '' : noExport.message, /^Runtime\.HandlerNotFound: no-export\.handler is undefined or not exported/);
    const big = await runtime.invoke('fn-big', {});
    assert.equal(big.ok ? null : big.kind, 'response-too-large');
    const tooLarge = await runtime.invoke('fn-echo', { body: 'x'.repeat(6 * 1024 * 1024) });
    assert.equal(tooLarge.ok ? null : tooLarge.kind, 'request-too-large');
  } finally {
    await runtime.dispose();
  }
});

test('callback handlers, context.succeed/fail/done, nested exports and plain return values', async () => {
  const runtime = runtimeWith();
  try {
    assert.deepEqual(await runtime.invoke('fn-cb', {}), { ok: true, result: { statusCode: 202, body: 'later' } });
    assert.deepEqual(await runtime.invoke('fn-succeeds', {}), { ok: true, result: { statusCode: 200, body: 'succeeded' } });
    const failed = await runtime.invoke('fn-fails', {});
    assert.deepEqual(failed, { ok: false, kind: 'handler-error', message: 'RangeError: failed on purpose' });
    assert.deepEqual(await runtime.invoke('fn-done', {}), { ok: true, result: { statusCode: 201, body: 'done' } });
    assert.deepEqual(await runtime.invoke('fn-nested', {}), { ok: true, result: { statusCode: 200, body: 'nested' } });
    assert.deepEqual(await runtime.invoke('fn-plain', {}), { ok: true, result: null });
  } finally {
    await runtime.dispose();
  }
});

test('callbackWaitsForEmptyEventLoop: true waits for pending timers before answering, false answers at once', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith(lines);
  try {
    await runtime.invoke('fn-waits', {});
    assert.ok(
      lines.some((line) => line.startsWith('[fn-waits]') && line.endsWith('timer fired')),
      'the timer ran before the answer',
    );
    const answered = await runtime.invoke('fn-no-wait', {});
    assert.equal(answered.ok, true);
    assert.ok(!lines.some((line) => line.startsWith('[fn-no-wait]') && line.endsWith('timer fired')), 'answered before the timer');
  } finally {
    await runtime.dispose();
  }
});

test('a timed-out environment is discarded; the next call is a cold start', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith(lines);
  try {
    const outcome = await runtime.invoke('fn-sleep-1s', {});
    assert.equal(outcome.ok ? null : outcome.kind, 'timeout');
    assert.ok(lines.some((line) => /Task timed out after 1\.00 seconds/.test(line)));
    assert.ok(lines.some((line) => /REPORT .*Status: timeout/.test(line)));
    const next = await runtime.invoke('fn-sleep-1s', { body: '1' });
    assert.equal(next.ok, true);
    assert.match(lines.filter((line) => line.includes('REPORT')).at(-1) ?? '', /Init Duration/);
  } finally {
    await runtime.dispose();
  }
});

test('dispose kills an environment that never yields; its invocation ends as a crash', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith(lines);
  const running = runtime.invoke('fn-spins', {});
  // Wait until it is really running (its START line is out); the test's timeout bounds the wait.
  while (!lines.some((line) => line.startsWith('[fn-spins] START'))) await new Promise((resolve) => setTimeout(resolve, 10));
  await runtime.dispose();
  const outcome = await running;
  assert.equal(outcome.ok ? null : outcome.kind, 'crash');
});

test('a new code version retires warm environments; a broken one answers init-error without starting any', async () => {
  const lines: string[] = [];
  let current: FunctionCode = fixtures.code('fn-echo');
  const runtime = runtimeWith(lines, undefined, (name) => (name === 'fn-echo' ? current : fixtures.code(name)));
  try {
    assert.equal(body(await runtime.invoke('fn-echo', {}))['invocations'], 1);
    assert.equal(body(await runtime.invoke('fn-echo', {}))['invocations'], 2);
    current = { ...(current as Extract<FunctionCode, { ok: true }>), version: 'next' };
    assert.equal(body(await runtime.invoke('fn-echo', {}))['invocations'], 1, 'a fresh environment for the new version');
    current = { ok: false, version: 'broken', errorType: 'Runtime.UserCodeSyntaxError', errorMessage: 'handlers/x.ts:1:1: Expected ";"' };
    const broken = await runtime.invoke('fn-echo', {});
    assert.deepEqual(broken, { ok: false, kind: 'init-error', message: 'Runtime.UserCodeSyntaxError: handlers/x.ts:1:1: Expected ";"' });
  } finally {
    await runtime.dispose();
  }
});

test('an environment runs node with the heap flags Lambda derives from the memory size', () => {
  assert.deepEqual(lambdaNodeFlags(256), [
    '--expose-gc',
    '--max-http-header-size=81920',
    '--max-semi-space-size=12',
    '--max-old-space-size=231',
  ]);
  assert.deepEqual(lambdaNodeFlags(512).slice(2), ['--max-semi-space-size=25', '--max-old-space-size=461']);
});

test('dispose answers the callers still waiting for an environment at once instead of leaving them queued', async () => {
  const runtime = runtimeWith([], 1, undefined, undefined, 1);
  const busy = runtime.invoke('fn-sleep', {});
  await new Promise((resolve) => setTimeout(resolve, 100));
  const queued = runtime.invoke('fn-echo', {});
  await runtime.dispose();
  const outcome = await queued;
  assert.equal(outcome.ok, false);
  assert.equal(outcome.ok ? '' : outcome.kind, 'init-error');
  assert.equal((await busy).ok, false);
});

test('a debugged function: one environment on its inspector port, started ahead, running past its timeout, started again on the same port for new code', {
  timeout: 60_000,
}, async () => {
  const port = await freePort();
  let version = 'v1';
  const lines: string[] = [];
  const runtime = createFunctionRuntime({
    functions: fixtures.functions,
    code: (name) => ({ ...fixtures.code(name), version }),
    environment: { NODE_OPTIONS: '--enable-source-maps' },
    log: (line) => lines.push(line),
    maxEnvironmentsPerFunction: 2,
    maxEnvironments: 16,
    inspectPorts: new Map([['fn-sleep-1s', port]]),
  });
  try {
    await runtime.prepare('fn-sleep-1s');
    const before = await debuggerUrl(port);
    assert.match(before, new RegExp(`^ws://127\\.0\\.0\\.1:${port}/`), 'the inspector listens before any request, on loopback');
    // The fixture's timeout is 1 s; a debugger's pause must not be mistaken for a hung function.
    const [slow, queued] = await Promise.all([
      runtime.invoke('fn-sleep-1s', { body: '1500' }),
      runtime.invoke('fn-sleep-1s', { body: '0' }),
    ]);
    assert.deepEqual(slow, { ok: true, result: { statusCode: 204 } });
    assert.deepEqual(queued, { ok: true, result: { statusCode: 204 } }, 'a second request waits for the one environment');
    assert.equal(lines.filter((line) => line.includes('\tInit Duration: ')).length, 1, 'one cold start for both');
    assert.equal(await debuggerUrl(port), before, 'the same process, still attachable');
    version = 'v2';
    await runtime.prepare('fn-sleep-1s');
    const after = await debuggerUrl(port);
    assert.notEqual(after, before, 'new code runs in a new process');
    assert.match(after, new RegExp(`^ws://127\\.0\\.0\\.1:${port}/`), 'on the same port');
    assert.deepEqual(await runtime.invoke('fn-sleep-1s', { body: '0' }), { ok: true, result: { statusCode: 204 } });
    assert.equal(await debuggerUrl(port), after, 'the request ran in the environment started ahead');
  } finally {
    await runtime.dispose();
  }
});
