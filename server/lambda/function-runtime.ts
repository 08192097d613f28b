// The Lambda service for the emulator: per function, a pool of execution
// environments. A warm idle environment serves the next invocation; when all
// are busy a new one starts (a cold start), up to a bound, after which callers
// wait their turn. Environments that time out or crash are dropped, and so are
// those running code older than the function's current version (hot reload),
// and those left idle longer than Lambda keeps them (memory stays bounded).
//
// The bound per function stands in for Lambda's concurrency limit: Lambda
// starts an environment per concurrent request up to the account's (or the
// function's reserved) concurrency and throttles beyond it; here requests
// beyond the bound queue for a free environment instead, and the default bound
// is sized to this machine, as more processes than cores only add contention.
// An environment is a child process on this machine's `node`; the code it runs
// is bundled for the contract's `x-lambda-runtime` (see contract/lambda-runtimes.ts).
import { availableParallelism } from 'node:os';
import type { FunctionCode, FunctionSpec, InvokeOptions, InvokeOutcome } from './invocation.ts';
import { MAX_EVENT_BYTES } from './invocation.ts';
import { startEnvironment, type ExecutionEnvironment } from './execution-environment.ts';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../local-aws.ts';

export interface FunctionRuntimeOptions {
  functions: readonly FunctionSpec[];
  /** Where each function's code is now; awaited before every invocation, so a pending rebuild is waited for. */
  code: (functionName: string) => FunctionCode | Promise<FunctionCode>;
  /** Variables for a function's environments (region, credentials, endpoints, settings). */
  environment: Record<string, string> | ((fn: FunctionSpec) => Record<string, string>);
  region?: string;
  accountId?: string;
  /** Execution environments per function at most; by default the machine's cores (at least 2). */
  maxEnvironmentsPerFunction?: number;
  /** An environment idle this long is stopped; 5 minutes by default (Lambda keeps idle ones for minutes, not forever). */
  idleTimeoutMs?: number;
  /** Where function and platform log lines go; stdout by default. */
  log?: (line: string) => void;
  /** Fresh request id per invocation; crypto.randomUUID by default. */
  newRequestId?: () => string;
}

export interface FunctionRuntime {
  invoke(functionName: string, event: unknown, options?: InvokeOptions): Promise<InvokeOutcome>;
  dispose(): Promise<void>;
}

interface Environment {
  environment: ExecutionEnvironment;
  version: string;
  /** When it last finished an invocation (ms since the epoch). */
  idleSince: number;
}

export const defaultMaxEnvironments = (): number => Math.max(2, availableParallelism());
const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60 * 1000;

interface Pool {
  fn: FunctionSpec;
  idle: Environment[];
  all: Set<Environment>;
  starting: number;
  waiters: Array<(environment: Environment | null) => void>;
}

export function createFunctionRuntime(options: FunctionRuntimeOptions): FunctionRuntime {
  const region = options.region ?? LOCAL_REGION;
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const max = options.maxEnvironmentsPerFunction ?? defaultMaxEnvironments();
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const newRequestId = options.newRequestId ?? (() => crypto.randomUUID());
  const pools = new Map<string, Pool>(
    options.functions.map((fn) => [fn.functionName, { fn, idle: [], all: new Set(), starting: 0, waiters: [] }]),
  );
  const stopping = new Set<Promise<void>>();
  // Aborted on dispose: environments still starting are killed, not waited for.
  const disposal = new AbortController();
  let disposed = false;

  const variablesFor = (fn: FunctionSpec): Record<string, string> =>
    typeof options.environment === 'function' ? options.environment(fn) : options.environment;

  function retire(pool: Pool, entry: Environment): void {
    pool.all.delete(entry);
    const stopped = entry.environment.terminate();
    stopping.add(stopped);
    void stopped.finally(() => stopping.delete(stopped));
  }

  async function acquire(pool: Pool, code: Extract<FunctionCode, { ok: true }>): Promise<Environment | { failed: string }> {
    if (disposed) return { failed: 'the runtime was disposed' };
    // Idle environments that died meanwhile, or run older code, are retired, not reused.
    const usable = (entry: Environment) => entry.version === code.version && entry.environment.alive;
    for (const stale of pool.idle.filter((entry) => !usable(entry))) retire(pool, stale);
    pool.idle = pool.idle.filter(usable);
    const warm = pool.idle.pop();
    if (warm) return warm;
    if (pool.all.size + pool.starting >= max) {
      const next = await new Promise<Environment | null>((resolve) => pool.waiters.push(resolve));
      if (next && next.version !== code.version) retire(pool, next);
      return next && next.version === code.version ? next : acquire(pool, code);
    }
    pool.starting += 1;
    try {
      const started = await startEnvironment({
        fn: pool.fn,
        taskRoot: code.taskRoot,
        env: variablesFor(pool.fn),
        log,
        signal: disposal.signal,
        invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${pool.fn.functionName}`,
      });
      if (!started.ok) return { failed: started.message };
      const entry = { environment: started.environment, version: code.version, idleSince: Date.now() };
      if (disposed) {
        retire(pool, entry);
        return { failed: 'the runtime was disposed' };
      }
      pool.all.add(entry);
      return entry;
    } finally {
      pool.starting -= 1;
    }
  }

  function release(pool: Pool, entry: Environment): void {
    if (!entry.environment.alive || disposed) {
      pool.all.delete(entry);
      if (!entry.environment.alive) pool.waiters.shift()?.(null); // a slot opened: let a waiter start one
      return;
    }
    const waiter = pool.waiters.shift();
    if (waiter) {
      waiter(entry);
      return;
    }
    entry.idleSince = Date.now();
    pool.idle.push(entry);
  }

  // Idle environments past their time are stopped; the check runs a few times per timeout and never keeps the process alive.
  const reclaimer = setInterval(
    () => {
      const cutoff = Date.now() - idleTimeoutMs;
      for (const pool of pools.values()) {
        for (const entry of pool.idle.filter((idle) => idle.idleSince <= cutoff)) retire(pool, entry);
        pool.idle = pool.idle.filter((idle) => idle.idleSince > cutoff);
      }
    },
    Math.max(10, Math.min(30_000, idleTimeoutMs / 4)),
  );
  reclaimer.unref();

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
      const entry = await acquire(pool, code);
      if ('failed' in entry) {
        pool.waiters.shift()?.(null);
        return { ok: false, kind: 'init-error', message: entry.failed };
      }
      try {
        return await entry.environment.invoke(eventJson, invokeOptions.requestId ?? newRequestId(), invokeOptions.traceId);
      } finally {
        release(pool, entry);
      }
    },
    async dispose() {
      disposed = true;
      clearInterval(reclaimer);
      disposal.abort();
      const everything = [...pools.values()].flatMap((pool) => {
        for (const waiter of pool.waiters.splice(0)) waiter(null);
        pool.idle.length = 0;
        return [...pool.all];
      });
      await Promise.all([...everything.map((entry) => entry.environment.terminate()), ...stopping]);
    },
  };
}
