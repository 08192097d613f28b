// A steady mixed load for a while, watching for what only time shows: 5xx
// answers, memory and file descriptors that keep growing, latency that drifts.
// Each worker walks dispute journeys on pool projects of its own (open, read,
// message, list, register evidence, escalate, close as admin, so the project
// is free again) at a fixed pace, or as fast as they are answered with
// `--rate 0` (then the workers are the connections: `--workers 50 --rate 0` is
// a mixed load at 50 connections). `npm run soak -- --minutes 30 [--rate 20]`.
import { parseArgs } from 'node:util';
import { defaultKeyDir, issueLocalToken } from '../server/auth/local-issuer.ts';
import seed from '../local/seed/seed-data.json' with { type: 'json' };
import { processTreeUsage } from './process-tree.ts';
import { projectRoot } from '../test-support/project-root.ts';
import { startEmulator } from '../test-support/start-emulator.ts';
import { percentile } from './percentile.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    rate: { type: 'string', default: '20' },
    workers: { type: 'string', default: '4' },
    'sample-seconds': { type: 'string', default: '10' },
  },
});
const MINUTES = Number(values.minutes);
const RATE = Number(values.rate);
const WORKERS = Number(values.workers);
const SAMPLE_MS = Number(values['sample-seconds']) * 1000;
if (![MINUTES, WORKERS, SAMPLE_MS].every((value) => Number.isFinite(value) && value > 0) || !(RATE >= 0)) {
  throw new Error('usage: npm run soak -- [--minutes N] [--rate requests/s, 0 for unpaced] [--workers N] [--sample-seconds N]');
}

// Pool projects past the ones the contract suite names, shared out between the workers.
const FIRST_FREE_PROJECT = 20;
const PROJECTS_PER_WORKER = Math.min(20, Math.floor((seed.contract_test_projects.count - FIRST_FREE_PROJECT) / WORKERS));
if (PROJECTS_PER_WORKER < 1) {
  throw new Error(`at most ${seed.contract_test_projects.count - FIRST_FREE_PROJECT} workers: each needs a pool project of its own`);
}

let bounds = '';
const { base, server, ready } = await startEmulator((line) => {
  if (line.startsWith('  functions: ')) bounds = line.trim();
});
const keyDir = defaultKeyDir(projectRoot);
const tokens = new Map<string, string>();
const tokenFor = (sub: number, role: 'client' | 'master' | 'admin') => {
  const key = `${sub}:${role}`;
  if (!tokens.has(key)) tokens.set(key, `Bearer ${issueLocalToken({ keyDir, sub: String(sub), role })}`);
  return tokens.get(key)!;
};

let window: { latencies: number[]; serverErrors: number; unexpected: number } = { latencies: [], serverErrors: 0, unexpected: 0 };
const totals = { requests: 0, serverErrors: 0, unexpected: 0 };
const samples: { seconds: number; p50: number; p99: number; rssMb: number; pssMb: number; fds: number; processes: number }[] = [];

const interval = RATE === 0 ? 0 : (WORKERS * 1000) / RATE;
let stopAt = 0;

async function call(method: string, path: string, token: string, body: unknown, expected: number): Promise<unknown> {
  const began = performance.now();
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  window.latencies.push(performance.now() - began);
  totals.requests += 1;
  if (response.status >= 500) {
    window.serverErrors += 1;
    totals.serverErrors += 1;
    process.stderr.write(`${method} ${path}: ${response.status} ${text.slice(0, 200)}\n`);
  } else if (response.status !== expected) {
    window.unexpected += 1;
    totals.unexpected += 1;
  }
  return text ? JSON.parse(text) : undefined;
}

async function worker(index: number): Promise<void> {
  const pool = seed.contract_test_projects;
  // Projects of its own, past the ones the contract suite names.
  const projects = Array.from({ length: PROJECTS_PER_WORKER }, (_, i) => FIRST_FREE_PROJECT + index * PROJECTS_PER_WORKER + i);
  let next = performance.now();
  const paced = async <T>(request: () => Promise<T>): Promise<T> => {
    next += interval;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return request();
  };
  for (let journey = 0; Date.now() < stopAt; journey += 1) {
    const k = projects[journey % projects.length]!;
    const client = tokenFor(pool.first_user_id + 2 * k, 'client');
    const master = tokenFor(pool.first_user_id + 2 * k + 1, 'master');
    const created = (await paced(() =>
      call('POST', '/disputes', client, { project: pool.first_project_id + k, reason: 'quality', description: 'Soak' }, 201),
    )) as { id?: number } | undefined;
    const id = created?.id;
    if (id === undefined) continue;
    await paced(() => call('GET', `/disputes/${id}`, master, undefined, 200));
    await paced(() => call('POST', `/disputes/${id}/messages`, client, { message: `journey ${journey}` }, 201));
    await paced(() => call('GET', '/disputes?limit=20', master, undefined, 200));
    await paced(() =>
      call('POST', `/disputes/${id}/evidence`, client, { file_name: 'scan.pdf', content_type: 'application/pdf', size: 1000 }, 201),
    );
    await paced(() => call('GET', `/disputes/${id}/messages`, master, undefined, 200));
    await paced(() => call('POST', `/disputes/${id}/escalate`, master, { reason: 'Soak' }, 200));
    await paced(() => call('POST', `/disputes/${id}/close`, tokenFor(4, 'admin'), {}, 200));
  }
}

try {
  await ready;
  const began = Date.now();
  stopAt = began + MINUTES * 60_000;
  const sampler = setInterval(() => {
    const usage = processTreeUsage(server.pid!);
    samples.push({
      seconds: Math.round((Date.now() - began) / 1000),
      p50: percentile(window.latencies, 50) ?? NaN,
      p99: percentile(window.latencies, 99) ?? NaN,
      rssMb: usage?.rssMb ?? NaN,
      pssMb: usage?.pssMb ?? NaN,
      fds: usage?.fds ?? NaN,
      processes: usage?.processes ?? NaN,
    });
    const last = samples.at(-1)!;
    console.log(
      `${String(last.seconds).padStart(5)} s | ${window.latencies.length} requests | 5xx ${window.serverErrors} | other unexpected ${window.unexpected} | p50 ${last.p50.toFixed(0)} ms, p99 ${last.p99.toFixed(0)} ms | RSS ${last.rssMb.toFixed(0)} MB, PSS ${last.pssMb.toFixed(0)} MB | fds ${last.fds} | processes ${last.processes}`,
    );
    window = { latencies: [], serverErrors: 0, unexpected: 0 };
  }, SAMPLE_MS);
  const pace = RATE === 0 ? 'as fast as answered' : `at ${RATE} requests/s`;
  console.log(`soak: ${MINUTES} min ${pace} over ${WORKERS} workers, a sample every ${SAMPLE_MS / 1000} s\n${bounds}`);
  await Promise.all(Array.from({ length: WORKERS }, (_, index) => worker(index)));
  clearInterval(sampler);
  const [first, last] = [samples[0], samples.at(-1)];
  console.log(`\n${totals.requests} requests, ${totals.serverErrors} × 5xx, ${totals.unexpected} other unexpected answers`);
  if (first && last) {
    console.log(
      `peak PSS ${Math.max(...samples.map((sample) => sample.pssMb)).toFixed(0)} MB (the budget above holds environments; the data written comes on top); from the first sample to the last: RSS ${first.rssMb.toFixed(0)} → ${last.rssMb.toFixed(0)} MB, PSS ${first.pssMb.toFixed(0)} → ${last.pssMb.toFixed(0)} MB (peak RSS ${Math.max(...samples.map((sample) => sample.rssMb)).toFixed(0)} MB), fds ${first.fds} → ${last.fds}, p99 ${first.p99.toFixed(0)} → ${last.p99.toFixed(0)} ms`,
    );
  }
  process.exitCode = totals.serverErrors > 0 ? 1 : 0;
} finally {
  server.kill('SIGTERM');
}
