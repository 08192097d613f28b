// Prints how fast the emulator is on this machine and what it holds: memory
// as a developer uses it (memory-figures.ts), time to ready, the token CLI,
// cold starts (the Init Duration of every function's first call, as its
// REPORT line gives it), warm throughput and latency for a read, a write and
// a list, four parallel 1-s calls to one function (the bench's wait module),
// and a 50-way race with the conditional writes DynamoDB refused during it.
// Loopback only, bounded in time; run with `npm run bench`.
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { defaultKeyDir, issueLocalToken } from '../server/auth/local-issuer.ts';
import seed from '../local/seed/seed-data.json' with { type: 'json' };
import { memoryFigures } from './memory-figures.ts';
import { processTreeCpuMs } from './process-tree.ts';
import { projectRoot as root } from '../test-support/project-root.ts';
import { startEmulator } from '../test-support/start-emulator.ts';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
// Long enough for the load to have started every environment it needs and for
// V8 to have optimised the hot code (CPU per request still fell between 5 and
// 25 s of load), so the figures are warm ones.
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)]!;
};

const memory = await memoryFigures();
console.log('memory, default settings, started as npm start (the npm process counts):');
for (const line of memory) console.log(`  ${line}`);

const started = performance.now();
const initDurations: number[] = [];
const waitInits: string[] = [];
let codeLine = '';
// The disputes module, and the wait module for the parallel calls.
const { base, server, ready } = await startEmulator(
  (line) => {
    const init = /^\[([^\]]+)\] REPORT .*Init Duration: ([\d.]+) ms/.exec(line);
    if (init?.[1]?.startsWith('bench-wait-')) waitInits.push(init[1]);
    else if (init) initDurations.push(Number(init[2]));
    if (line.startsWith('  code: ')) codeLine = line.trim();
  },
  ['--module', '.', '--module', 'scripts/fixtures/wait-module'],
);
try {
  await ready;
  const readyMs = performance.now() - started;

  const tokenRuns = Array.from({ length: 3 }, () => {
    const began = performance.now();
    execFileSync(process.execPath, ['--import', 'tsx', 'server/token-cli.ts', '--user', '1'], { cwd: root, stdio: 'ignore' });
    return performance.now() - began;
  });

  const keyDir = defaultKeyDir(root);
  const client = `Bearer ${issueLocalToken({ keyDir, sub: '1', role: 'client' })}`;
  const json = { 'content-type': 'application/json', authorization: client };

  const coldStart = performance.now();
  const created = await fetch(`${base}/disputes`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ project: 123, reason: 'quality', description: 'Benchmark dispute' }),
  });
  const coldMs = performance.now() - coldStart;
  if (created.status !== 201) throw new Error(`POST /disputes answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: number };

  const warmStart = performance.now();
  await fetch(`${base}/disputes/${id}`, { headers: { authorization: client } });
  const firstGetMs = performance.now() - warmStart;
  // Two more functions' first calls, one at a time: the idle cold starts.
  await fetch(`${base}/disputes?limit=20`, { headers: { authorization: client } });
  await fetch(`${base}/disputes/${id}/messages`, { headers: { authorization: client } });
  await new Promise((resolve) => setTimeout(resolve, 100)); // the REPORT lines reach us after the answers
  const idleInits = initDurations.slice();

  type Scenario = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };
  const load = (request: Scenario, duration: number) =>
    autocannon({
      url: `${base}${request.path}`,
      connections: CONNECTIONS,
      duration,
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
  // An unreported round first, so that every execution environment the
  // load needs has had its cold start: the figures are warm ones.
  // CPU per request: what the emulator's whole process tree (gateway, DynamoDB and
  // S3 emulators, every execution environment) used while serving, over the requests served.
  const run = async (title: string, request: Scenario, goalMs?: number) => {
    await load(request, WARMUP_SECONDS);
    const cpuBefore = processTreeCpuMs(server.pid!);
    const result = await load(request, DURATION_SECONDS);
    const cpuAfter = processTreeCpuMs(server.pid!);
    const served = result.requests.total;
    const perRequest = (ms: number) => (served === 0 ? null : ms / served);
    const cpu =
      cpuBefore === null || cpuAfter === null
        ? null
        : {
            total: perRequest(cpuAfter.total - cpuBefore.total),
            main: perRequest(cpuAfter.root - cpuBefore.root),
            environments: perRequest(cpuAfter.total - cpuAfter.root - (cpuBefore.total - cpuBefore.root)),
          };
    return { title, result, cpu, goalMs };
  };

  const results = [
    await run(`GET /disputes/${id}`, { method: 'GET', path: `/disputes/${id}`, headers: { authorization: client } }, 1.5),
    await run(
      `POST /disputes/${id}/messages`,
      {
        method: 'POST',
        path: `/disputes/${id}/messages`,
        headers: json,
        body: JSON.stringify({ message: 'benchmark message' }),
      },
      8,
    ),
    await run('GET /disputes?limit=20', { method: 'GET', path: '/disputes?limit=20', headers: { authorization: client } }),
  ];

  // A race: 50 parallel mediate/escalate requests from both parties on one fresh dispute, twice: the first
  // starts the two functions' environments (cold), the second finds them warm (pool projects 70 and 71).
  const conflicts = async () => {
    const counts = (await (await fetch(`${base}/_console/api/dynamodb/write-conflicts`)).json()) as Record<string, number>;
    return counts['conditionalCheckFailed']! + counts['transactionsCanceled']!;
  };
  const race = async (poolIndex: number) => {
    const pool = seed.contract_test_projects;
    const party = (sub: number, role: 'client' | 'master') => ({
      'content-type': 'application/json',
      authorization: `Bearer ${issueLocalToken({ keyDir, sub: String(sub), role })}`,
    });
    const client = party(pool.first_user_id + 2 * poolIndex, 'client');
    const master = party(pool.first_user_id + 2 * poolIndex + 1, 'master');
    const raced = await fetch(`${base}/disputes`, {
      method: 'POST',
      headers: client,
      body: JSON.stringify({ project: pool.first_project_id + poolIndex, reason: 'quality', description: 'Benchmark race' }),
    });
    if (raced.status !== 201) throw new Error(`POST /disputes (race) answered ${raced.status}: ${await raced.text()}`);
    const raceId = ((await raced.json()) as { id: number }).id;
    const conflictsBefore = await conflicts();
    const began = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${base}/disputes/${raceId}/${i % 2 === 0 ? 'mediate' : 'escalate'}`, {
          method: 'POST',
          headers: i % 2 === 0 ? client : master,
          body: JSON.stringify(i % 2 === 0 ? {} : { reason: `race ${i}` }),
        }).then((response) => response.status),
      ),
    );
    const ms = performance.now() - began;
    const count = (predicate: (status: number) => boolean) => statuses.filter(predicate).length;
    return `all answered in ${(ms / 1000).toFixed(1)} s (goal ≤ 2 s): ${count((status) => status === 200)} × 200, ${count((status) => status === 409)} × 409, ${count((status) => status >= 500)} × 5xx; DynamoDB refused ${(await conflicts()) - conflictsBefore} conditional writes during it`;
  };
  const coldRace = await race(70);
  const warmRace = await race(71);

  // Four parallel calls to one function that waits 1 s: on Lambda about 1 s, each on an environment of its own.
  const parallel = async () => {
    const began = performance.now();
    await Promise.all(Array.from({ length: 4 }, () => fetch(`${base}/wait/1000`).then((response) => response.text())));
    return performance.now() - began;
  };
  const parallelCold = await parallel();
  const parallelWarm = await parallel();

  const loadedInits = initDurations.slice(idleInits.length);
  console.log(`ready (spawn to first answer, as npm start runs it): ${readyMs.toFixed(0)} ms  [${codeLine}]`);
  console.log(`token CLI (npm run -s token): median ${median(tokenRuns).toFixed(0)} ms of ${tokenRuns.length}`);
  console.log(`first POST /disputes (cold function, whole request): ${coldMs.toFixed(0)} ms`);
  console.log(`first GET /disputes/${id} (cold function, whole request): ${firstGetMs.toFixed(0)} ms`);
  console.log(
    `cold starts one at a time (Init Duration of ${idleInits.length} functions): median ${median(idleInits).toFixed(0)} ms, max ${Math.max(...idleInits).toFixed(0)} ms`,
  );
  console.log(
    `cold starts under the load below (${loadedInits.length} more environments): median ${median(loadedInits).toFixed(0)} ms, max ${Math.max(...loadedInits).toFixed(0)} ms`,
  );
  console.log(`\n${CONNECTIONS} connections, ${DURATION_SECONDS} s each, after ${WARMUP_SECONDS} s of warm-up:`);
  console.log('scenario | req/s | p50 ms | p99 ms | non-2xx | errors | CPU ms/request (goal) | main process | environments');
  const figure = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : value.toFixed(2));
  for (const { title, result, cpu, goalMs } of results) {
    console.log(
      `${title} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} | ${result.errors} | ${figure(cpu?.total)}${goalMs === undefined ? '' : ` (≤ ${goalMs})`} | ${figure(cpu?.main)} | ${figure(cpu?.environments)}`,
    );
  }
  console.log(
    'main process: API Gateway, DynamoDB and S3 emulators; environments: the functions (handler, AWS SDK, runtime). Where the time goes: docs/performance.md',
  );
  console.log(`\n50 parallel transitions on one dispute, cold functions: ${coldRace}`);
  console.log(`50 parallel transitions on one dispute, warm functions: ${warmRace} (goal > 0: the requests overlapped)`);
  console.log(
    `4 parallel 1-s calls to one function: ${(parallelCold / 1000).toFixed(2)} s with their cold starts, ${(parallelWarm / 1000).toFixed(2)} s warm (goal ≤ 1.5 s), on ${waitInits.length} environments`,
  );
} finally {
  server.kill('SIGTERM');
}
