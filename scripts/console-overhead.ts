// Prints what the dev console costs the API: the same warm load on
// GET /disputes/{id} against an emulator without a console (--console-size 0),
// one with the console recording but no page open, and the same with the
// console open (a client on its live stream, as the page is), and, when
// Chromium is installed, with the page itself open in it (rendering on the same
// cores as the emulator). Rounds alternate them so that the machine's drift
// falls on all alike; medians printed. Run with `npm run bench:console`.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import autocannon from 'autocannon';
import { defaultKeyDir, issueLocalToken } from '../server/auth/local-issuer.ts';
import { processTreeCpuMs } from './process-tree.ts';
import { projectRoot } from '../test-support/project-root.ts';
import { startEmulator, type StartedEmulator } from '../test-support/start-emulator.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const token = `Bearer ${issueLocalToken({ keyDir: defaultKeyDir(projectRoot), sub: '1', role: 'client' })}`;

async function started(args: string[]): Promise<StartedEmulator & { disputePath: string }> {
  const emulator = await startEmulator(() => undefined, args);
  await emulator.ready;
  const created = await fetch(`${emulator.base}/disputes`, {
    method: 'POST',
    headers: { authorization: token, 'content-type': 'application/json' },
    body: JSON.stringify({ project: 123, reason: 'quality', description: 'Console overhead' }),
  });
  if (created.status !== 201) throw new Error(`POST /disputes answered ${created.status}: ${await created.text()}`);
  return { ...emulator, disputePath: `/disputes/${((await created.json()) as { id: number }).id}` };
}

/** A client on the console's stream, counting the requests it is told about. */
async function openConsole(base: string): Promise<{ events: () => number; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(`${base}/_console/api/stream`, { signal: controller.signal });
  let events = 0;
  void (async () => {
    try {
      for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) events += chunk.split('"id":').length - 1;
    } catch {
      // aborted
    }
  })();
  return { events: () => events, close: () => controller.abort() };
}

async function load(emulator: StartedEmulator & { disputePath: string }, seconds: number) {
  const cpuBefore = processTreeCpuMs(emulator.server.pid!);
  const result = await autocannon({
    url: `${emulator.base}${emulator.disputePath}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: token },
  });
  const cpuAfter = processTreeCpuMs(emulator.server.pid!);
  const served = result.requests.total;
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors,
    served,
    cpuMs: cpuBefore && cpuAfter && served > 0 ? (cpuAfter.total - cpuBefore.total) / served : Number.NaN,
  };
}

/** The console page in Chromium, live; resolves with the way to read how many rows it has received and to close it. */
async function openPage(base: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const page = await browser.newPage();
  await page.goto(`${base}/_console`);
  await page.locator('#stream-state[data-state="live"]').waitFor();
  return {
    shown: () => page.locator('#invocation-rows tr').count(),
    close: () => browser.close(),
  };
}

const withBrowser = existsSync(CHROMIUM);
const without = await started(['--console-size', '0']);
const withConsole = await started([]);
try {
  type Figures = Awaited<ReturnType<typeof load>>;
  const runs: Record<string, Figures[]> = {
    'no console (--console-size 0)': [],
    'console recording, page closed': [],
    'console open (live stream)': [],
  };
  const inBrowser = 'console page open in Chromium';
  if (withBrowser) runs[inBrowser] = [];
  let rowsShown = 0;
  /** The CPU of the bench's children other than the two emulators: the browser's processes. */
  const browserCpuMs = (): number | null => {
    const all = processTreeCpuMs(process.pid);
    const emulators = [without, withConsole].map((emulator) => processTreeCpuMs(emulator.server.pid!));
    if (!all || emulators.some((cpu) => cpu === null)) return null;
    return all.total - all.root - emulators.reduce((sum, cpu) => sum + cpu!.total, 0);
  };
  const pageCpu: number[] = [];
  let streamed = 0;
  let served = 0;
  // Warm-up: every environment the load needs started, the hot code optimised.
  await load(without, SECONDS);
  await load(withConsole, SECONDS);
  for (let round = 0; round < ROUNDS; round += 1) {
    runs['no console (--console-size 0)']!.push(await load(without, SECONDS));
    runs['console recording, page closed']!.push(await load(withConsole, SECONDS));
    const open = await openConsole(withConsole.base);
    const figures = await load(withConsole, SECONDS);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last events are sent after the answers
    streamed += open.events();
    served += figures.served;
    open.close();
    runs['console open (live stream)']!.push(figures);
    if (withBrowser) {
      const page = await openPage(withConsole.base);
      const before = browserCpuMs();
      const inPage = await load(withConsole, SECONDS);
      const after = browserCpuMs();
      pageCpu.push(before !== null && after !== null ? (after - before) / SECONDS / 10 : Number.NaN);
      runs[inBrowser]!.push(inPage);
      rowsShown = await page.shown();
      await page.close();
    }
  }
  console.log(`GET /disputes/{id}, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s each, medians:`);
  console.log('emulator | req/s | p50 ms | p99 ms | CPU ms/request | failed');
  for (const [title, figures] of Object.entries(runs)) {
    console.log(
      `${title} | ${median(figures.map((f) => f.perSecond)).toFixed(0)} | ${median(figures.map((f) => f.p50))} | ${median(figures.map((f) => f.p99))} | ${median(figures.map((f) => f.cpuMs)).toFixed(2)} | ${figures.reduce((sum, f) => sum + f.failed, 0)}`,
    );
  }
  if (withBrowser) {
    console.log(
      `the page in Chromium used ${median(pageCpu).toFixed(0)} % of a core meanwhile (on the same cores as the emulator); ${rowsShown} rows at the end of its last round (it keeps as many as the ring)`,
    );
  } else console.log(`no Chromium at ${CHROMIUM}: the page itself was not measured (E2E_CHROMIUM names another)`);
  console.log(
    `while open, the console's stream told of ${streamed} requests (autocannon counted ${served} answered within its windows; the stream also tells of those answered just after)`,
  );
} finally {
  without.server.kill('SIGTERM');
  withConsole.server.kill('SIGTERM');
}
