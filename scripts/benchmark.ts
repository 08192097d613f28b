// Prints how fast the emulator is on this machine: time to ready, the first
// (cold) call of a function, and warm throughput and latency for a read and a
// write. Loopback only, bounded in time; run with `npm run bench`.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { defaultKeyDir, issueLocalToken } from '../server/auth/local-issuer.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = 3;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilReady(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${url} not ready in time`);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const started = performance.now();
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', String(port)], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  await waitUntilReady(`${base}/.well-known/jwks.json`, Date.now() + 30_000);
  const readyMs = performance.now() - started;

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

  type Scenario = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };
  const load = (request: Scenario, duration: number) =>
    autocannon({ url: `${base}${request.path}`, connections: CONNECTIONS, duration, method: request.method, headers: request.headers, body: request.body });
  // A short unreported round first, so that every execution environment the
  // load needs has had its cold start: the figures are warm ones.
  const run = async (title: string, request: Scenario) => {
    await load(request, WARMUP_SECONDS);
    return { title, result: await load(request, DURATION_SECONDS) };
  };

  const results = [
    await run(`GET /disputes/${id}`, { method: 'GET', path: `/disputes/${id}`, headers: { authorization: client } }),
    await run(`POST /disputes/${id}/messages`, {
      method: 'POST',
      path: `/disputes/${id}/messages`,
      headers: json,
      body: JSON.stringify({ message: 'benchmark message' }),
    }),
    await run('GET /disputes?limit=20', { method: 'GET', path: '/disputes?limit=20', headers: { authorization: client } }),
  ];

  console.log(`ready (spawn to first answer): ${readyMs.toFixed(0)} ms`);
  console.log(`first POST /disputes (cold function): ${coldMs.toFixed(0)} ms`);
  console.log(`first GET /disputes/${id} (cold function): ${firstGetMs.toFixed(0)} ms`);
  console.log(`\n${CONNECTIONS} connections, ${DURATION_SECONDS} s each, after ${WARMUP_SECONDS} s of warm-up:`);
  console.log('scenario | req/s | p50 ms | p99 ms | non-2xx | errors');
  for (const { title, result } of results) {
    console.log(
      `${title} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} | ${result.errors}`,
    );
  }
} finally {
  server.kill('SIGTERM');
}
