// The seed's latency targets measured against any URL (a stage or the
// emulator): the contract's read routes called in turn at a bounded rate,
// and with `write` a create → message → close journey on a project, which
// closes what it opened. Each route's first call is kept apart (it may meet a
// cold start); the later calls give p50/p95/p99 and max. The calls go out on
// a fixed schedule whatever the answers take (at most MAX_IN_FLIGHT at once),
// so a slow stage shows as latency, not as fewer calls.
import { setTimeout as sleep } from 'node:timers/promises';
import { contractOperations } from '../contracts/contract-operations.ts';

/** The seed's plan: cold start < 1 s, warm < 100 ms, API p95 < 500 ms. */
export const TARGETS = { firstCallMs: 1000, warmP50Ms: 100, p95Ms: 500 } as const;
export const MAX_RATE = 50;
const MAX_IN_FLIGHT = 100;
/** With `write`, a journey starts at most every this many calls, so the reads keep most of the rate. */
const JOURNEY_EVERY = 12;
const CALL_TIMEOUT_MS = 30_000;

export interface LatencyOptions {
  baseUrl: string;
  token: string;
  seconds: number;
  /** Calls a second. */
  rate: number;
  /** A project of the token's user with no active dispute: adds the create → message → close journey. */
  write?: { project: number };
  /** Ends the run early; what it opened is still closed. */
  signal?: AbortSignal;
}

export interface RouteLatency {
  route: string;
  first?: { ms: number; status: number | string };
  /** Durations of the later calls that got their expected status. */
  later: number[];
  /** Unexpected statuses (or network errors) and how many. */
  errors: Record<string, number>;
}

export interface LatencyRun {
  routes: RouteLatency[];
  calls: number;
  /** What could not be measured or cleaned up, and why. */
  notes: string[];
}

interface Call {
  route: string;
  method: string;
  path: string;
  expect: number;
  body?: unknown;
}

export async function measureLatency(options: LatencyOptions): Promise<LatencyRun> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const routes = new Map<string, RouteLatency>();
  const notes: string[] = [];
  let calls = 0;

  async function send(call: Call): Promise<{ status: number; body: unknown } | undefined> {
    calls += 1;
    // The first call sent is the one that may meet a cold start, whichever answers first: its row is made when it is sent.
    const first = !routes.has(call.route);
    const row = routes.get(call.route) ?? { route: call.route, later: [], errors: {} };
    routes.set(call.route, row);
    const started = performance.now();
    let status: number | string;
    let body: unknown;
    try {
      const response = await fetch(`${base}${call.path}`, {
        method: call.method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
      const text = await response.text();
      status = response.status;
      body = text === '' ? undefined : safeJson(text);
    } catch (error) {
      status = (error as Error).name === 'TimeoutError' ? `no answer in ${CALL_TIMEOUT_MS / 1000} s` : (error as Error).message;
    }
    const ms = performance.now() - started;
    if (first) row.first = { ms, status };
    else if (status === call.expect) row.later.push(ms);
    if (status !== call.expect) row.errors[String(status)] = (row.errors[String(status)] ?? 0) + 1;
    return typeof status === 'number' ? { status, body } : undefined;
  }

  const reads = contractOperations()
    .filter((operation) => operation.method === 'GET')
    .map((operation) => operation.path);
  const unmeasurable = reads.filter((path) => (path.match(/\{[^}]+\}/g) ?? []).some((parameter) => parameter !== '{id}'));
  for (const path of unmeasurable) notes.push(`GET ${path}: not measured (a path parameter other than {id})`);
  const readCall = (path: string, id: number | undefined): Call | undefined =>
    path.includes('{id}') && id === undefined
      ? undefined
      : { route: `GET ${path}`, method: 'GET', path: path.replace('{id}', String(id)), expect: 200 };

  // The first list call finds a dispute the token's user sees, for the routes of one dispute.
  const listed = await send({ route: 'GET /disputes', method: 'GET', path: '/disputes?limit=1', expect: 200 });
  let disputeId = (listed?.body as { results?: { id: number }[] } | undefined)?.results?.[0]?.id;
  const journey = options.write ? newJourney(options.write.project, send, notes) : undefined;

  const measurable = reads.filter((path) => !unmeasurable.includes(path));
  const total = Math.round(options.seconds * options.rate);
  const interval = 1000 / options.rate;
  const inFlight = new Set<Promise<unknown>>();
  const start = performance.now();
  let nextRead = 0;
  try {
    await schedule();
  } finally {
    // Stopped early (an error, or Ctrl-C through `signal`) or not: nothing in flight is dropped, and the journey closes what it opened.
    await Promise.allSettled(inFlight);
    await journey?.finish();
  }
  if (disputeId === undefined) {
    notes.push(
      listed?.status === 200
        ? "the token's user sees no dispute: the routes of one dispute were not measured (add --write --project <id>)"
        : `the routes of one dispute were not measured: the first GET /disputes answered ${listed?.status ?? 'nothing'}${listed?.status === 401 ? ' (is the token one the stage accepts?)' : ''}`,
    );
  }
  return { routes: [...routes.values()], calls, notes };

  async function schedule(): Promise<void> {
    for (let tick = 1; tick < total && !options.signal?.aborted; tick += 1) {
      const wait = start + tick * interval - performance.now();
      if (wait > 0) await sleep(wait);
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      let pending: Promise<unknown> | undefined;
      if (journey?.canStep((tick - 1) % JOURNEY_EVERY === 0)) {
        pending = journey.step().then((id) => {
          disputeId ??= id;
        });
      } else {
        for (let tries = 0; tries < measurable.length && !pending; tries += 1) {
          const call = readCall(measurable[nextRead++ % measurable.length]!, disputeId);
          if (call) pending = send(call);
        }
      }
      if (!pending) continue;
      inFlight.add(pending);
      void pending.finally(() => inFlight.delete(pending!));
    }
  }
}

/** The create → message → close journey, one step per call, one journey at a time (a project holds one active dispute). */
function newJourney(project: number, send: (call: Call) => Promise<{ status: number; body: unknown } | undefined>, notes: string[]) {
  let stage: 'idle' | 'created' | 'messaged' | 'stopped' = 'idle';
  let open: number | undefined;
  let busy = false;
  const close = async (id: number) => {
    const closed = await send({
      route: 'POST /disputes/{id}/close',
      method: 'POST',
      path: `/disputes/${id}/close`,
      expect: 200,
      body: { reason: 'Latency check' },
    });
    if (closed?.status === 200) open = undefined;
    return closed;
  };
  return {
    /** A step is due: the journey is under way, or a new one may start now. */
    canStep: (startsNow: boolean) => !busy && stage !== 'stopped' && (stage !== 'idle' || startsNow),
    async step(): Promise<number | undefined> {
      busy = true;
      try {
        if (stage === 'idle') {
          const created = await send({
            route: 'POST /disputes',
            method: 'POST',
            path: '/disputes',
            expect: 201,
            body: { project, reason: 'other', description: 'Latency check: opened, messaged and withdrawn' },
          });
          open = created?.status === 201 ? (created.body as { id: number }).id : undefined;
          if (open === undefined) {
            stage = 'stopped';
            notes.push(
              `the journey stopped: POST /disputes on project ${project} answered ${created?.status ?? 'nothing'} ${problemCode(created?.body)}`.trim(),
            );
            return undefined;
          }
          stage = 'created';
          return open;
        }
        if (stage === 'created') {
          await send({
            route: 'POST /disputes/{id}/messages',
            method: 'POST',
            path: `/disputes/${open}/messages`,
            expect: 201,
            body: { message: 'Latency check' },
          });
          stage = 'messaged';
          return open;
        }
        await close(open!);
        stage = open === undefined ? 'idle' : 'stopped';
        return undefined;
      } finally {
        busy = false;
      }
    },
    /** Completes a journey under way (its message, then its close), so that every step is measured and nothing stays open. */
    async finish(): Promise<void> {
      if (open === undefined) return;
      if (stage === 'created') await this.step();
      if (open === undefined) return;
      const closed = await close(open);
      if (closed?.status !== 200) notes.push(`dispute ${open} is left open (its close answered ${closed?.status ?? 'nothing'}): close it`);
    },
  };
}

function problemCode(body: unknown): string {
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `(${code})` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
