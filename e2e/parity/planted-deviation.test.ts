// Parity catches a stage that differs from the emulator: one spec file of the
// suite runs in remote mode against the emulator and against the same
// emulator behind a proxy that plants three deviations (another header value,
// another status, a field of another type). `npm run parity` must exit 1 and
// name exactly those three, and accept them when told to.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { type Deviation, startDeviatingProxy } from '../../test-support/deviating-proxy.ts';
import { freePort } from '../../test-support/free-port.ts';
import { projectRoot } from '../../test-support/project-root.ts';
import { type StartedEmulator, startEmulator } from '../../test-support/start-emulator.ts';
import { localTableName } from '../stage/stage-table.ts';
import { remoteRunEnvironment } from '../stage/remote-run-environment.ts';
import type { ParityReport } from './parity-report.ts';

const SPEC = 'e2e/disputes.spec.ts';
const RUN_DEADLINE_MS = 150_000;

const PLANTED: Deviation[] = [
  {
    method: 'GET',
    path: /^\/disputes\/\d+$/,
    status: 200,
    change: (answer) => ({ ...answer, headers: { ...answer.headers, 'content-type': 'application/json; charset=utf-8' } }),
  },
  { method: 'POST', path: /^\/disputes$/, status: 404, change: (answer) => ({ ...answer, status: 403 }) },
  {
    method: 'POST',
    path: /^\/disputes$/,
    status: 400,
    change: (answer) => {
      const problem = JSON.parse(answer.body.toString('utf8')) as { status: number };
      return { ...answer, body: Buffer.from(JSON.stringify({ ...problem, status: String(problem.status) })) };
    },
  },
];

/** What parity must report, and nothing else. */
const EXPECTED = [
  { operation: 'createDispute', kind: 'field type', subject: '$.status', a: 'integer', b: 'string' },
  { operation: 'createDispute', kind: 'status', subject: 'status', a: '404', b: '403' },
  { operation: 'getDispute', kind: 'header', subject: 'content-type', a: 'application/json', b: 'application/json; charset=utf-8' },
];

const children = new Set<ChildProcess>();

async function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  // A run that hangs is stopped, so that the test fails instead of holding npm test.
  const stop = setTimeout(() => child.kill('SIGTERM'), RUN_DEADLINE_MS);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(stop);
  return { code, output };
}

test('parity names exactly the deviations planted in one answer of each kind, and honours accepted ones', {
  timeout: 400_000,
}, async (t) => {
  const work = mkdtempSync(path.join(tmpdir(), 'parity-planted-'));
  let emulator: StartedEmulator | undefined;
  let proxy: Awaited<ReturnType<typeof startDeviatingProxy>> | undefined;
  // Whatever happens, including the test's own timeout: no suite run, emulator or proxy outlives it.
  t.after(async () => {
    for (const child of children) child.kill('SIGTERM');
    await proxy?.stop();
    emulator?.server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });
  const dynamodbPort = await freePort();
  emulator = await startEmulator(() => undefined, ['--dynamodb-port', String(dynamodbPort)]);
  proxy = await startDeviatingProxy(emulator.base, PLANTED);
  await emulator.ready;

  const suite = (baseUrl: string, reportDir: string) => {
    const env = remoteRunEnvironment({
      baseUrl,
      dynamodbEndpoint: `http://127.0.0.1:${dynamodbPort}`,
      tableName: localTableName(),
      reportDir,
    });
    // Each run records its calls in a folder of its own (the config makes one).
    delete env['E2E_COVERAGE_DIR'];
    return run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', SPEC], env);
  };
  const [runA, runB] = [path.join(work, 'emulator'), path.join(work, 'deviating')];
  const direct = await suite(emulator.base, runA);
  assert.equal(direct.code, 0, `the spec passes against the emulator:\n${direct.output.slice(-3000)}`);
  // Against the deviating stage some of its tests fail (the contract check sees the string status): that is expected.
  await suite(proxy.base, runB);

  const parity = await run(process.execPath, ['--import', 'tsx', 'scripts/parity.ts', runA, runB, '--out', work], process.env);
  assert.equal(parity.code, 1, parity.output);
  const report = JSON.parse(readFileSync(path.join(work, 'parity.json'), 'utf8')) as ParityReport;
  assert.deepEqual(
    report.differences.map(({ operation, kind, subject, a, b }) => ({ operation, kind, subject, a, b })),
    EXPECTED,
  );
  for (const expected of EXPECTED)
    assert.match(parity.output, new RegExp(`${expected.operation}: .*${expected.a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} → `));
  assert.match(
    readFileSync(path.join(work, 'parity.md'), 'utf8'),
    /\| getDispute \| header `content-type` \| `application\/json` \| `application\/json; charset=utf-8` \|/,
  );

  // Accepted, each with its reason: parity passes and lists them as accepted.
  const accepted = path.join(work, 'accepted.json');
  writeFileSync(accepted, JSON.stringify(EXPECTED.map((difference) => ({ ...difference, reason: 'planted by this test' }))));
  const again = await run(
    process.execPath,
    ['--import', 'tsx', 'scripts/parity.ts', runA, runB, '--out', work, '--accepted', accepted],
    process.env,
  );
  assert.equal(again.code, 0, again.output);
  assert.equal((JSON.parse(readFileSync(path.join(work, 'parity.json'), 'utf8')) as ParityReport).accepted.length, EXPECTED.length);
});
