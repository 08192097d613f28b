import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFunctionRuntime, type FunctionRuntime } from './function-runtime.ts';
import type { FunctionSpec } from './invocation.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-fixtures');
const spec = (name: string, file: string, timeoutSeconds = 5): FunctionSpec =>
  ({ functionName: name, handlerFile: path.join(fixtures, `${file}.ts`), handlerExport: 'handler', memorySize: 256, timeoutSeconds });

function runtimeWith(functions: FunctionSpec[], lines: string[] = [], max?: number): FunctionRuntime {
  let n = 0;
  return createFunctionRuntime({
    functions,
    environment: (fn) => ({ ONLY_FOR: fn.functionName }),
    log: (line) => lines.push(line),
    newRequestId: () => `req-${++n}`,
    ...(max ? { maxEnvironmentsPerFunction: max } : {}),
  });
}

function body(outcome: Awaited<ReturnType<FunctionRuntime['invoke']>>): Record<string, any> {
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
  return JSON.parse((outcome.result as { body: string }).body);
}

test('runs a TypeScript handler with a Lambda context and its own environment only', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith([spec('fn-echo', 'echo'), spec('fn-other', 'echo')], lines);
  try {
    const first = body(await runtime.invoke('fn-echo', { rawPath: '/a' }));
    assert.deepEqual(first['event'], { rawPath: '/a' });
    assert.equal(first['context'].functionName, 'fn-echo');
    assert.equal(first['context'].functionVersion, '$LATEST');
    assert.equal(first['context'].memoryLimitInMB, '256');
    assert.equal(first['context'].awsRequestId, 'req-1');
    assert.equal(first['context'].logGroupName, '/aws/lambda/fn-echo');
    assert.match(first['context'].logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(first['context'].invokedFunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:fn-echo');
    assert.ok(first['context'].remaining > 4000 && first['context'].remaining <= 5000);
    assert.equal(first['context'].callbackWaitsForEmptyEventLoop, true);
    assert.equal(first['env'].ONLY_FOR, 'fn-echo');
    assert.equal(first['env'].AWS_LAMBDA_FUNCTION_NAME, 'fn-echo');
    assert.equal(first['env'].AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '256');
    assert.equal(first['env'].PATH, undefined, 'the parent environment does not leak');
    assert.equal(process.env['ONLY_FOR'], undefined, 'process.env is untouched');

    // Warm: same module scope. Other function: its own module scope and variables.
    assert.equal(body(await runtime.invoke('fn-echo', {}))['invocations'], 2);
    const other = body(await runtime.invoke('fn-other', {}));
    assert.equal(other['invocations'], 1);
    assert.equal(other['env'].ONLY_FOR, 'fn-other');

    const echoLines = lines.filter((line) => line.startsWith('[fn-echo] '));
    assert.match(echoLines[0] ?? '', /^\[fn-echo\] START RequestId: req-1 Version: \$LATEST$/);
    assert.ok(echoLines.some((line) => /^\[fn-echo\] \S+Z\treq-1\tINFO\techo \/a$/.test(line)), echoLines.join('\n'));
    const reports = echoLines.filter((line) => line.includes('REPORT RequestId'));
    assert.match(reports[0] ?? '', /Duration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms/);
    assert.doesNotMatch(reports[1] ?? '', /Init Duration/, 'no init duration when warm');
    const order = echoLines.slice(0, 4).map((line) => line.split(' ')[1]?.split('\t')[0]);
    assert.equal(echoLines.indexOf(echoLines.find((l) => l.includes('INFO'))!) < echoLines.indexOf(reports[0]!), true, String(order));
  } finally {
    await runtime.dispose();
  }
});

test('concurrent invocations get separate environments (cold starts)', async () => {
  const runtime = runtimeWith([spec('fn-echo', 'echo')]);
  try {
    const results = await Promise.all([runtime.invoke('fn-echo', {}), runtime.invoke('fn-echo', {})]);
    assert.deepEqual(results.map((r) => body(r)['invocations']).sort(), [1, 1]);
  } finally {
    await runtime.dispose();
  }
});

test('beyond the bound, callers wait for a free environment', async () => {
  const runtime = runtimeWith([spec('fn-sleep', 'sleeps')], [], 1);
  try {
    const began = Date.now();
    const results = await Promise.all([runtime.invoke('fn-sleep', { body: '150' }), runtime.invoke('fn-sleep', { body: '150' })]);
    assert.ok(results.every((r) => r.ok));
    assert.ok(Date.now() - began >= 300);
  } finally {
    await runtime.dispose();
  }
});

test('failures are outcomes with a kind', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith([
    spec('fn-throws', 'throws'), spec('fn-bad', 'bad-result'), spec('fn-init', 'init-fails'),
    spec('fn-noexport', 'no-export'), spec('fn-big', 'big-result'), spec('fn-echo', 'echo'),
  ], lines);
  try {
    const thrown = await runtime.invoke('fn-throws', {});
    assert.deepEqual(thrown.ok ? null : thrown.kind, 'handler-error');
    assert.ok(lines.some((line) => line.includes('\tERROR\tInvoke Error') && line.includes('"errorType":"TypeError"')));
    // A malformed result is still a result: judging it is the gateway's job.
    assert.equal((await runtime.invoke('fn-bad', {})).ok, true);
    const init = await runtime.invoke('fn-init', {});
    assert.equal(init.ok ? null : init.kind, 'init-error');
    const noExport = await runtime.invoke('fn-noexport', {});
    assert.equal(noExport.ok ? null : noExport.kind, 'init-error');
    const big = await runtime.invoke('fn-big', {});
    assert.equal(big.ok ? null : big.kind, 'response-too-large');
    const tooLarge = await runtime.invoke('fn-echo', { body: 'x'.repeat(6 * 1024 * 1024) });
    assert.equal(tooLarge.ok ? null : tooLarge.kind, 'request-too-large');
  } finally {
    await runtime.dispose();
  }
});

test('callback-style handlers work', async () => {
  const runtime = runtimeWith([spec('fn-cb', 'callback')]);
  try {
    const outcome = await runtime.invoke('fn-cb', {});
    assert.deepEqual(outcome, { ok: true, result: { statusCode: 202, body: 'later' } });
  } finally {
    await runtime.dispose();
  }
});

test('a timed-out environment is discarded; the next call is a cold start', async () => {
  const lines: string[] = [];
  const runtime = runtimeWith([spec('fn-sleep', 'sleeps', 1)], lines);
  try {
    const began = Date.now();
    const outcome = await runtime.invoke('fn-sleep', {});
    assert.equal(outcome.ok ? null : outcome.kind, 'timeout');
    assert.ok(Date.now() - began < 2500);
    assert.ok(lines.some((line) => /Task timed out after 1\.00 seconds/.test(line)));
    assert.ok(lines.some((line) => /REPORT .*Status: timeout/.test(line)));
    const next = await runtime.invoke('fn-sleep', { body: '1' });
    assert.equal(next.ok, true);
    assert.match(lines.filter((line) => line.includes('REPORT')).at(-1) ?? '', /Init Duration/);
  } finally {
    await runtime.dispose();
  }
});
