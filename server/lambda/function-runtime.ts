// The Lambda service for the emulator: per function, a pool of execution
// environments. A warm idle environment serves the next invocation; when all
// are busy a new one starts (a cold start), up to a bound, after which callers
// wait their turn. Environments that time out or crash are dropped.
import type { FunctionSpec, InvokeOutcome } from './invocation.ts';
import { MAX_EVENT_BYTES } from './invocation.ts';
import { startEnvironment, type ExecutionEnvironment } from './execution-environment.ts';

export interface FunctionRuntimeOptions {
  functions: readonly FunctionSpec[];
  /** Variables for a function's environments (region, credentials, endpoints, settings). */
  environment: Record<string, string> | ((fn: FunctionSpec) => Record<string, string>);
  region?: string;
  accountId?: string;
  maxEnvironmentsPerFunction?: number;
  /** Where function and platform log lines go; stdout by default. */
  log?: (line: string) => void;
  /** Fresh request id per invocation; crypto.randomUUID by default. */
  newRequestId?: () => string;
}

export interface FunctionRuntime {
  invoke(functionName: string, event: unknown): Promise<InvokeOutcome>;
  dispose(): Promise<void>;
}

interface Pool {
  fn: FunctionSpec;
  idle: ExecutionEnvironment[];
  all: Set<ExecutionEnvironment>;
  starting: number;
  waiters: Array<(environment: ExecutionEnvironment | null) => void>;
}

export function createFunctionRuntime(options: FunctionRuntimeOptions): FunctionRuntime {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const max = options.maxEnvironmentsPerFunction ?? 10;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const newRequestId = options.newRequestId ?? (() => crypto.randomUUID());
  const pools = new Map<string, Pool>(options.functions.map((fn) => [fn.functionName, { fn, idle: [], all: new Set(), starting: 0, waiters: [] }]));
  let disposed = false;

  function variablesFor(fn: FunctionSpec): Record<string, string> {
    const base = typeof options.environment === 'function' ? options.environment(fn) : options.environment;
    return {
      ...base,
      AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
    };
  }

  async function acquire(pool: Pool): Promise<ExecutionEnvironment | { failed: string }> {
    if (disposed) return { failed: 'the runtime was disposed' };
    const warm = pool.idle.pop();
    if (warm) return warm;
    if (pool.all.size + pool.starting >= max) {
      const next = await new Promise<ExecutionEnvironment | null>((resolve) => pool.waiters.push(resolve));
      return next ?? acquire(pool);
    }
    pool.starting += 1;
    try {
      const started = await startEnvironment({
        fn: pool.fn, env: variablesFor(pool.fn), log,
        invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${pool.fn.functionName}`,
      });
      if (!started.ok) return { failed: started.message };
      pool.all.add(started.environment);
      return started.environment;
    } finally {
      pool.starting -= 1;
    }
  }

  function release(pool: Pool, environment: ExecutionEnvironment): void {
    if (!environment.alive || disposed) {
      pool.all.delete(environment);
      if (!environment.alive) pool.waiters.shift()?.(null); // a slot opened: let a waiter start one
      return;
    }
    const waiter = pool.waiters.shift();
    if (waiter) waiter(environment);
    else pool.idle.push(environment);
  }

  return {
    async invoke(functionName, event) {
      const pool = pools.get(functionName);
      if (!pool || disposed) throw new Error(`Function not found: ${functionName}`);
      const eventJson = JSON.stringify(event);
      if (Buffer.byteLength(eventJson) > MAX_EVENT_BYTES) {
        return { ok: false, kind: 'request-too-large', message: `Request must be smaller than ${MAX_EVENT_BYTES} bytes for the Invoke operation` };
      }
      const environment = await acquire(pool);
      if ('failed' in environment) {
        pool.waiters.shift()?.(null);
        return { ok: false, kind: 'init-error', message: environment.failed };
      }
      try {
        return await environment.invoke(eventJson, newRequestId());
      } finally {
        release(pool, environment);
      }
    },

    async dispose() {
      disposed = true;
      const everything = [...pools.values()].flatMap((pool) => {
        for (const waiter of pool.waiters.splice(0)) waiter(null);
        pool.idle.length = 0;
        return [...pool.all];
      });
      await Promise.all(everything.map((environment) => environment.terminate()));
    },
  };
}
