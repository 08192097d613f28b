// Hot reload through the real pieces: the live build over a scratch project,
// and the runtime that runs what it built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFunctionRuntime } from './function-runtime.ts';
import type { FunctionCode } from './invocation.ts';
import { startLiveFunctionCode, type LiveFunctionCode } from './live-function-code.ts';

function scratchProject(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'live-code-'));
  mkdirSync(path.join(root, 'handlers'));
  writeFileSync(path.join(root, 'handlers', 'greeting.ts'), "export const greeting = 'hello';\n");
  writeFileSync(
    path.join(root, 'handlers', 'greet.ts'),
    "import { greeting } from './greeting.ts';\nexport const handler = async () => ({ statusCode: 200, body: greeting });\n",
  );
  writeFileSync(path.join(root, 'handlers', 'other.ts'), "export const handler = async () => ({ statusCode: 200, body: 'other' });\n");
  return root;
}

const functions = (root: string) => [
  {
    functionName: 'fn-greet',
    zip: 'greet.zip',
    handler: 'handlers/greet.handler',
    handlerFile: path.join(root, 'handlers', 'greet.ts'),
    runtime: 'nodejs22.x' as const,
  },
  {
    functionName: 'fn-other',
    zip: 'other.zip',
    handler: 'handlers/other.handler',
    handlerFile: path.join(root, 'handlers', 'other.ts'),
    runtime: 'nodejs22.x' as const,
  },
];

/** Polls until the function's code is no longer `version` (the watcher is asynchronous; the test's timeout bounds the wait). */
async function nextVersion(live: LiveFunctionCode, name: string, version: string): Promise<FunctionCode> {
  for (;;) {
    const code = await live.code(name);
    if (code.version !== version) return code;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a saved change is rebuilt and served by fresh environments; a build error answers as Lambda would until fixed', {
  timeout: 60_000,
}, async () => {
  const root = scratchProject();
  const lines: string[] = [];
  const live = await startLiveFunctionCode({
    projectRoot: root,
    functions: functions(root),
    cacheDir: path.join(root, '.cache'),
    watch: true,
    log: (line) => lines.push(line),
  });
  const runtime = createFunctionRuntime({
    functions: functions(root).map((fn) => ({ ...fn, memorySize: 256, timeoutSeconds: 5 })),
    code: (name) => live.code(name),
    environment: {},
    log: () => undefined,
  });
  const body = async (name: string) => {
    const outcome = await runtime.invoke(name, {});
    return outcome.ok ? (outcome.result as { body: string }).body : `${outcome.kind}: ${outcome.message}`;
  };
  try {
    assert.equal(live.startedFrom, 'build');
    assert.equal(await body('fn-greet'), 'hello');
    const first = await live.code('fn-greet');
    const other = await live.code('fn-other');

    writeFileSync(path.join(root, 'handlers', 'greeting.ts'), "export const greeting = 'hello again';\n");
    const second = await nextVersion(live, 'fn-greet', first.version);
    assert.equal(second.ok, true);
    assert.equal(await body('fn-greet'), 'hello again', 'the warm environment was replaced');
    assert.equal((await live.code('fn-other')).version, other.version, 'a function the change does not reach keeps its build');

    writeFileSync(path.join(root, 'handlers', 'greeting.ts'), "export const greeting = 'unterminated;\n");
    const broken = await nextVersion(live, 'fn-greet', second.version);
    assert.equal(broken.ok, false);
    assert.match(broken.ok ? '' : broken.errorMessage, /^handlers\/greeting\.ts:1:\d+: /, 'file and line');
    assert.match(await body('fn-greet'), /^init-error: Runtime\.UserCodeSyntaxError: handlers\/greeting\.ts:1/);
    assert.equal(await body('fn-other'), 'other', 'the other function keeps answering');
    assert.ok(
      lines.some((line) => line.includes('build failed') && line.includes('fn-greet')),
      lines.join('\n'),
    );

    writeFileSync(path.join(root, 'handlers', 'greeting.ts'), "export const greeting = 'healed';\n");
    await nextVersion(live, 'fn-greet', broken.version);
    assert.equal(await body('fn-greet'), 'healed');
  } finally {
    await runtime.dispose();
    await live.dispose();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a start with unchanged sources reuses the last build; a changed source builds again', { timeout: 60_000 }, async () => {
  const root = scratchProject();
  const options = {
    projectRoot: root,
    functions: functions(root),
    cacheDir: path.join(root, '.cache'),
    watch: false,
    log: () => undefined,
  };
  try {
    const first = await startLiveFunctionCode(options);
    const built = await first.code('fn-greet');
    await first.dispose();
    const second = await startLiveFunctionCode(options);
    assert.equal(second.startedFrom, 'cache');
    assert.deepEqual(await second.code('fn-greet'), built);
    await second.dispose();
    writeFileSync(path.join(root, 'handlers', 'greeting.ts'), "export const greeting = 'changed';\n");
    const third = await startLiveFunctionCode(options);
    assert.equal(third.startedFrom, 'build');
    assert.notEqual((await third.code('fn-greet')).version, built.version);
    await third.dispose();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
