// The Lambda service for the emulator: per function, a pool of execution
// environments. A warm idle environment serves the next invocation; when all
// are busy a new one starts (a cold start), as Lambda scales, unless a busy
// one is expected to serve the request sooner than a cold start would (far
// cheaper on a small machine than an environment per connection), the
// function has reached its reserved concurrency (when one is set), or the
// account-wide budget is spent. Invocations that keep a core busy run no more
// at once than the machine has cores (Lambda gives each environment its own).
// The budget is memory, measured (PSS of the emulator's processes,
// memory-gauge.ts): a new environment starts while its expected size fits;
// when it does not, a function with an environment waits for it and one with
// none has the environment idle longest make room, where Lambda would
// throttle. Environments that time out or crash are dropped, and so are those
// running code older than the function's current version (hot reload), those
// left idle longer than Lambda keeps them, and idle ones when the emulator has
// grown past the budget.
// The decisions (which environment, start, evict, wait, reclaim) are the rules
// of environment-pool-policy.ts; this file keeps the processes and carries them out.
// An environment is a child process on this machine's `node`; the code it runs
// is bundled for the contract's `x-lambda-runtime` (see contract-core/lambda-runtimes.ts).
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import type { FunctionCode, FunctionSpec, InvocationObserver, InvokeOptions, InvokeOutcome, RuntimeObserver } from './invocation.ts';
import { MAX_EVENT_BYTES } from './invocation.ts';
import { startEnvironment, type ExecutionEnvironment } from './execution-environment.ts';
import { admitWaiting, afterInvocation, idleToReclaim, overBudget, type Admission, type PoolState } from './environment-pool-policy.ts';
import { collectOwnGarbage } from './own-garbage.ts';
import { createMemoryGauge, defaultMemoryBudgetMb, type MemoryGauge } from './memory-gauge.ts';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../local-aws.ts';

export interface FunctionRuntimeOptions {
  functions: readonly FunctionSpec[];
  /** Where each function's code is now; awaited before every invocation, so a pending rebuild is waited for. */
  code: (functionName: string) => FunctionCode | Promise<FunctionCode>;
  /** Variables for a function's environments (region, credentials, endpoints, settings). */
  environment: Record<string, string> | ((fn: FunctionSpec) => Record<string, string>);
  region?: string;
  accountId?: string;
  /** Execution environments per function at most (a function's reserved concurrency); unreserved by default. */
  maxEnvironmentsPerFunction?: number;
  /** Execution environments of all functions together at most, an explicit cap beside the memory budget; none by default. */
  maxEnvironments?: number;
  /** The account's concurrency as memory: MB the emulator's processes may hold with a new environment; defaultMemoryBudgetMb(). */
  memoryBudgetMb?: number;
  /** Environments starting at once at most; defaultStartsAtOnce(). */
  startsAtOnce?: number;
  /** The machine's cores, which invocations share (each Lambda environment has its own); availableParallelism() by default. */
  cores?: number;
  /** Collects the emulator's own garbage when the budget has no room for another environment (true when it did); own-garbage.ts by default. */
  collectGarbage?: () => boolean;
  /** What measures that memory; the emulator's process tree by default. */
  memoryGauge?: (environmentPids: () => readonly number[]) => MemoryGauge;
  /** An environment idle this long is stopped; 5 minutes by default (Lambda keeps idle ones for minutes, not forever). */
  idleTimeoutMs?: number;
  /** Where function and platform log lines go; stdout by default. */
  log?: (line: string) => void;
  /** Fresh request id per invocation; crypto.randomUUID by default. */
  newRequestId?: () => string;
  /**
   * Functions to debug, each with its inspector port: one environment each,
   * outside the total bound and never stopped for being idle, with no timeouts,
   * and started again (on the same port, once the old one has exited) whenever
   * it goes, so that a debugger can stay attached.
   */
  inspectPorts?: ReadonlyMap<string, number>;
}

export interface FunctionRuntime {
  invoke(functionName: string, event: unknown, options?: InvokeOptions): Promise<InvokeOutcome>;
  /** Tells `observer` about every invocation from now on (the dev console records them); returns the way to stop. */
  observe(observer: RuntimeObserver): () => void;
  /** Starts an environment with the function's current code now unless one is ready (as provisioned concurrency does). */
  prepare(functionName: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Twice the cores, at least 4: four parallel requests to one function start
 * four environments at once on a 2-core machine; 50 at once starting 50 took
 * 5.9 s there, against about 1 s for the same race on warm environments.
 */
export const defaultStartsAtOnce = (): number => Math.max(4, 2 * availableParallelism());

/**
 * How long a request waits for a busy environment before starting another,
 * until the function's first cold start has been measured: about one here.
 * Without it, 10 connections to one function kept 10 environments busy on 2
 * cores at 4.2 ms of CPU per request, against 1.8 ms on one.
 */
const FIRST_PATIENCE_MS = 250;

interface Environment {
  environment: ExecutionEnvironment;
  version: string;
  /** When it last finished an invocation (ms since the epoch). */
  idleSince: number;
  /** When its invocation now running began (performance.now()). */
  busySince?: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60 * 1000;
/** From this share of the budget, the budget is checked every second. */
const BUDGET_NEAR = 0.8;
const BUDGET_CHECK_AT_LEAST_MS = 10_000;
const COLLECT_AT_MOST_EVERY_MS = 10_000;
/** Waiting callers are looked at again at most this often without an event. */
const MIN_LOOK_AGAIN_MS = 10;
/** The weight of the newest invocation in the moving averages: a few calls outweigh a slow first one (its lazy set-up). */
const INVOCATION_WEIGHT = 0.3;

const movingAverage = (average: number | undefined, value: number): number =>
  average === undefined ? value : average + INVOCATION_WEIGHT * (value - average);

interface Pool {
  fn: FunctionSpec;
  /** The newest code version an invocation asked for: idle environments on another are stale. */
  version: string;
  idle: Environment[];
  all: Set<Environment>;
  /** Environments starting (their places are taken). */
  starting: number;
  /** Environments being stopped, until their processes have exited. */
  retiring: Set<Promise<void>>;
  /** The function's inspector port when it is being debugged. */
  inspectPort?: number;
  /** Its last cold start (Init Duration): a request a busy environment would serve later than this starts another. */
  patienceMs: number;
  /** How long its invocations take lately (a moving average); unknown before the first has finished. */
  invocationMs?: number;
  /** The share of a core its invocations keep busy while they can run (a moving average); unknown before the first has answered. */
  cpuShare?: number;
}

/** What a caller is given: a warm environment, or a place to start one in (already counted). */
type Grant = { warm: Environment } | { start: true };

/** A caller waiting for an environment, in the order they asked. */
interface Waiter {
  pool: Pool;
  /** When it asked (performance.now()). */
  since: number;
  grant: (grant: Grant | null) => void;
}

export function createFunctionRuntime(options: FunctionRuntimeOptions): FunctionRuntime {
  const region = options.region ?? LOCAL_REGION;
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const budgetMb = options.memoryBudgetMb ?? defaultMemoryBudgetMb();
  const environmentPids = (): number[] =>
    [...pools.values()].flatMap((pool) =>
      [...pool.all].flatMap((entry) => (entry.environment.pid === undefined ? [] : [entry.environment.pid])),
    );
  const gauge = (options.memoryGauge ?? ((pids) => createMemoryGauge({ environmentPids: pids })))(environmentPids);
  const bounds = {
    perFunction: options.maxEnvironmentsPerFunction ?? Number.POSITIVE_INFINITY,
    total: options.maxEnvironments ?? Number.POSITIVE_INFINITY,
    startsAtOnce: options.startsAtOnce ?? defaultStartsAtOnce(),
  };
  const cores = options.cores ?? availableParallelism();
  const collectGarbage = options.collectGarbage ?? collectOwnGarbage;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const newRequestId = options.newRequestId ?? (() => crypto.randomUUID());
  const pools = new Map<string, Pool>(
    options.functions.map((fn) => {
      const inspectPort = options.inspectPorts?.get(fn.functionName);
      const pool: Pool = { fn, version: '', idle: [], all: new Set(), starting: 0, retiring: new Set(), patienceMs: FIRST_PATIENCE_MS };
      return [fn.functionName, inspectPort === undefined ? pool : { ...pool, inspectPort }];
    }),
  );
  const waiters: Waiter[] = [];
  let patienceTimer: NodeJS.Timeout | undefined;
  const stopping = new Set<Promise<void>>();
  // Aborted on dispose: environments still starting are killed, not waited for.
  const disposal = new AbortController();
  // Every environment starting listens on it (a dozen at once with --inspect): no leak, no warning.
  setMaxListeners(0, disposal.signal);
  let disposed = false;

  const variablesFor = (fn: FunctionSpec): Record<string, string> =>
    typeof options.environment === 'function' ? options.environment(fn) : options.environment;

  const debugged = (pool: Pool): boolean => pool.inspectPort !== undefined;

  /** The pools as the policy sees them (environment-pool-policy.ts decides, this file carries it out). */
  function poolState(): PoolState<Environment> {
    const now = performance.now();
    const epochNow = Date.now();
    const view = (entry: Environment, busy: boolean) => ({
      environment: entry,
      busy,
      lastUsed: entry.idleSince,
      version: entry.version,
      alive: entry.environment.alive,
      ...(busy && entry.busySince !== undefined ? { busyForMs: now - entry.busySince } : {}),
      ...(busy ? {} : { idleForMs: epochNow - entry.idleSince }),
    });
    return {
      bounds: { ...bounds, cores, memory: { budgetMb, usedMb: gauge.usedMb, environmentMb: gauge.environmentMb() } },
      functions: [...pools.values()].map((pool) => {
        const idle = new Set(pool.idle);
        return {
          functionName: pool.fn.functionName,
          version: pool.version,
          debugged: debugged(pool),
          // Idle ones in the order they became idle.
          environments: [
            ...[...pool.all].filter((entry) => !idle.has(entry)).map((entry) => view(entry, true)),
            ...pool.idle.map((entry) => view(entry, false)),
          ],
          starting: pool.starting,
          stopping: pool.retiring.size,
          patienceMs: pool.patienceMs,
          ...(pool.invocationMs !== undefined ? { invocationMs: pool.invocationMs } : {}),
          ...(pool.cpuShare !== undefined ? { cpuShare: pool.cpuShare } : {}),
        };
      }),
    };
  }

  const poolOf = (functionName: string): Pool => pools.get(functionName)!;

  function retire(pool: Pool, entry: Environment): void {
    pool.all.delete(entry);
    pool.idle = pool.idle.filter((idle) => idle !== entry);
    const stopped = entry.environment.terminate();
    stopping.add(stopped);
    pool.retiring.add(stopped);
    void stopped.finally(() => {
      gauge.stopped();
      stopping.delete(stopped);
      pool.retiring.delete(stopped);
      // The port is free again: a debugged function gets its next environment now, not on the next request.
      if (debugged(pool)) void prepare(pool);
      dispatch();
    });
  }

  /** An environment with the function's current code, started unless one is ready; a failure is logged, and the next request tries again. */
  async function prepare(pool: Pool): Promise<void> {
    if (disposed) return;
    const failed = (why: string) => {
      if (!disposed) log(`[${pool.fn.functionName}] an environment started ahead of requests failed: ${why}`);
    };
    // Nobody awaits a restart after a change or a crash: whatever goes wrong is logged, never thrown.
    try {
      const code = await options.code(pool.fn.functionName);
      if (!code.ok || disposed) return;
      pool.version = code.version;
      const entry = await acquire(pool, code);
      if ('failed' in entry) return failed(entry.failed);
      release(pool, entry);
    } catch (error) {
      failed(error instanceof Error ? error.message : String(error));
    }
  }

  /** Carries out an admission for a caller of the pool: what it is given, or nothing yet. */
  function carryOut(pool: Pool, admission: Admission<Environment>): Grant | undefined {
    for (const stale of admission.stopStale) retire(pool, stale);
    const { decision } = admission;
    switch (decision.kind) {
      case 'use-idle':
        pool.idle = pool.idle.filter((entry) => entry !== decision.environment);
        return { warm: decision.environment };
      case 'start-after-stopping':
        retire(poolOf(decision.stop.functionName), decision.stop.environment);
        pool.starting += 1;
        return { start: true };
      case 'start':
        pool.starting += 1;
        return { start: true };
      case 'wait':
        return undefined;
    }
  }

  /** Serves the waiting callers that can be served now, longest waiting first. */
  function dispatch(): void {
    if (disposed) {
      for (const waiter of waiters.splice(0)) waiter.grant(null);
      return;
    }
    if (waiters.length === 0) return;
    const now = performance.now();
    const admissions = admitWaiting(
      poolState(),
      waiters.map((waiter) => ({ functionName: waiter.pool.fn.functionName, waitedMs: now - waiter.since })),
    );
    const served: [Waiter, Grant][] = [];
    admissions.forEach((admission, i) => {
      const waiter = waiters[i]!;
      const grant = carryOut(waiter.pool, admission);
      if (grant) served.push([waiter, grant]);
    });
    for (const [waiter, grant] of served) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.grant(grant);
    }
    // What a waiting caller gets changes with time alone too (an invocation that runs on past its usual time,
    // its own wait, how long an environment has been idle, all against a cold start): while any wait, they
    // are looked at again a few times per cold start.
    clearTimeout(patienceTimer);
    const nextLook = Math.min(...waiters.map((waiter) => Math.max(MIN_LOOK_AGAIN_MS, waiter.pool.patienceMs / 4)));
    if (Number.isFinite(nextLook)) {
      patienceTimer = setTimeout(dispatch, Math.ceil(nextLook));
      patienceTimer.unref();
    }
  }

  async function acquire(pool: Pool, code: Extract<FunctionCode, { ok: true }>): Promise<Environment | { failed: string }> {
    if (disposed) return { failed: 'the runtime was disposed' };
    const grant = await new Promise<Grant | null>((resolve) => {
      waiters.push({ pool, since: performance.now(), grant: resolve });
      dispatch();
    });
    if (grant === null) return { failed: 'the runtime was disposed' };
    if ('warm' in grant) return grant.warm;
    try {
      const started = await startEnvironment({
        fn: pool.fn,
        taskRoot: code.taskRoot,
        env: variablesFor(pool.fn),
        log,
        signal: disposal.signal,
        ...(pool.inspectPort !== undefined ? { inspectPort: pool.inspectPort } : {}),
        invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${pool.fn.functionName}`,
      });
      if (!started.ok) return { failed: started.message };
      pool.patienceMs = started.initDurationMs;
      const entry = { environment: started.environment, version: code.version, idleSince: Date.now() };
      pool.all.add(entry);
      gauge.started();
      if (disposed) {
        retire(pool, entry);
        return { failed: 'the runtime was disposed' };
      }
      return entry;
    } finally {
      pool.starting -= 1;
      // A place that went unused (the start failed) is free for the next caller.
      dispatch();
    }
  }

  function release(pool: Pool, entry: Environment): void {
    if (disposed) {
      pool.all.delete(entry);
      return;
    }
    const after = afterInvocation({ alive: entry.environment.alive, version: entry.version }, pool.version);
    if (after === 'forget') {
      pool.all.delete(entry);
      gauge.stopped();
      if (debugged(pool)) void prepare(pool);
    } else if (after === 'stop') retire(pool, entry);
    else {
      entry.idleSince = Date.now();
      pool.idle.push(entry);
    }
    if (entry.busySince !== undefined) {
      pool.invocationMs = movingAverage(pool.invocationMs, performance.now() - entry.busySince);
      entry.busySince = undefined;
      const { lastCpuShare } = entry.environment;
      if (lastCpuShare !== undefined) pool.cpuShare = movingAverage(pool.cpuShare, lastCpuShare);
    }
    dispatch();
  }

  // Idle environments past their time are stopped; the check runs a few times per timeout and never keeps the process alive.
  const reclaimer = setInterval(
    () => {
      for (const { functionName, environment } of idleToReclaim(poolState(), Date.now(), idleTimeoutMs))
        retire(poolOf(functionName), environment);
    },
    Math.max(10, Math.min(30_000, idleTimeoutMs / 4)),
  );
  reclaimer.unref();

  // Environments grow after they start: the budget is checked every second once the emulator is near it
  // (a reading costs about 1 ms per process), and at least every 10 s, idle environments stopped to keep it.
  // When it has no room for another environment, the emulator's own garbage goes first (own-garbage.ts),
  // at most every 10 s.
  let lastCollection = Number.NEGATIVE_INFINITY;
  const budgetKeeper = setInterval(() => {
    try {
      const last = gauge.lastReading?.();
      if (last && last.usedMb < BUDGET_NEAR * budgetMb && Date.now() - last.at < BUDGET_CHECK_AT_LEAST_MS) return;
      let usedMb = gauge.usedMb();
      if (usedMb + gauge.environmentMb() > budgetMb && performance.now() - lastCollection >= COLLECT_AT_MOST_EVERY_MS) {
        lastCollection = performance.now();
        if (collectGarbage()) {
          gauge.refresh?.();
          usedMb = gauge.usedMb();
        }
      }
      for (const { functionName, environment } of overBudget(poolState(), usedMb)) retire(poolOf(functionName), environment);
    } catch (error) {
      log(`[emulator] the memory budget could not be checked: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, 1000);
  budgetKeeper.unref();

  const runtimeObservers = new Set<RuntimeObserver>();
  /** The invocation's own observer and every runtime observer, as one; none when nobody watches. */
  function invocationObserver(functionName: string, invokeOptions: InvokeOptions): InvocationObserver | undefined {
    const own = invokeOptions.observer;
    if (!own && runtimeObservers.size === 0) return undefined;
    const watching = [...runtimeObservers];
    const { traceId } = invokeOptions;
    let requestId = '';
    return {
      started(details) {
        requestId = details.requestId;
        own?.started(details);
        for (const observer of watching) observer.started({ ...details, functionName, ...(traceId ? { traceId } : {}) });
      },
      log(line) {
        own?.log(line);
        for (const observer of watching) observer.log({ functionName, requestId, ...(traceId ? { traceId } : {}), line });
      },
    };
  }

  return {
    async invoke(functionName, event, invokeOptions = {}) {
      const pool = pools.get(functionName);
      if (!pool || disposed) throw new Error(`Function not found: ${functionName}`);
      const eventJson = JSON.stringify(event);
      if (Buffer.byteLength(eventJson) > MAX_EVENT_BYTES) {
        return {
          ok: false,
          kind: 'request-too-large',
          message: `Request must be smaller than ${MAX_EVENT_BYTES} bytes for the Invoke operation`,
        };
      }
      const code = await options.code(functionName);
      if (!code.ok) {
        log(
          `[${functionName}] ${new Date().toISOString()}\tundefined\tERROR\tInit Error \t${JSON.stringify({ errorType: code.errorType, errorMessage: code.errorMessage })}`,
        );
        return { ok: false, kind: 'init-error', message: `${code.errorType}: ${code.errorMessage}` };
      }
      pool.version = code.version;
      const entry = await acquire(pool, code);
      if ('failed' in entry) {
        return { ok: false, kind: 'init-error', message: entry.failed };
      }
      entry.busySince = performance.now();
      try {
        return await entry.environment.invoke(
          eventJson,
          invokeOptions.requestId ?? newRequestId(),
          invokeOptions.traceId,
          invocationObserver(functionName, invokeOptions),
        );
      } finally {
        release(pool, entry);
      }
    },
    observe(observer) {
      runtimeObservers.add(observer);
      return () => {
        runtimeObservers.delete(observer);
      };
    },
    async prepare(functionName) {
      const pool = pools.get(functionName);
      if (!pool) throw new Error(`Function not found: ${functionName}`);
      return prepare(pool);
    },
    async dispose() {
      disposed = true;
      clearTimeout(patienceTimer);
      clearInterval(reclaimer);
      clearInterval(budgetKeeper);
      disposal.abort();
      for (const waiter of waiters.splice(0)) waiter.grant(null);
      const everything = [...pools.values()].flatMap((pool) => {
        pool.idle.length = 0;
        return [...pool.all];
      });
      await Promise.all([...everything.map((entry) => entry.environment.terminate()), ...stopping]);
    },
  };
}
