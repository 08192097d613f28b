// One Lambda execution environment: a child process running the runtime
// bootstrap, with the function's task root as its working directory and only
// the function's environment variables. One invocation at a time; a timeout
// or crash kills it, and the runtime never uses it again.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { runtimeFiles } from './bootstrap-file.ts';
import { functionVariables } from './function-variables.ts';
import type { EnvironmentMessage, FunctionSpec, InvocationObserver, InvokeMessage, InvokeOutcome, ReplyMessage } from './invocation.ts';
import { ALLOCATOR_TUNED_VARIABLE, MAX_RESULT_BYTES } from './invocation.ts';
import { endLine, reportLine, startLine, timeoutLine } from './report-lines.ts';

export interface EnvironmentOptions {
  fn: FunctionSpec;
  taskRoot: string;
  /** The function's configured variables plus the SDK's. */
  env: Record<string, string>;
  invokedFunctionArn: string;
  /** Receives every log line, already prefixed with the function name. */
  log: (line: string) => void;
  /** Aborting kills an environment that is still starting (the runtime is being disposed). */
  signal?: AbortSignal;
  /**
   * Opens Node's inspector on 127.0.0.1 at this port, for a debugger. The init
   * and function timeouts are then off: a paused breakpoint is not a hung
   * function (AWS's own local tools do the same: aws/aws-toolkit-vscode#510,
   * aws/aws-sam-cli#422).
   */
  inspectPort?: number;
}

/**
 * glibc's allocator keeps what the handler's load freed (parser and compiler
 * buffers, about 16 MB of an idle environment's 40 MB private memory) unless
 * blocks from 32 KiB up are mapped on their own and so given back when freed.
 * Lambda's heap flags are untouched; Max Memory Used, the process's peak, reads
 * about 13 MB lower than under glibc's defaults (docs/performance.md).
 */
const ALLOCATOR_TUNING = 'glibc.malloc.mmap_threshold=32768';

/** The function's variables, plus the allocator setting unless the function sets GLIBC_TUNABLES itself. */
function processVariables(variables: Record<string, string>): Record<string, string> {
  if (variables['GLIBC_TUNABLES'] !== undefined) return variables;
  return { ...variables, GLIBC_TUNABLES: ALLOCATOR_TUNING, [ALLOCATOR_TUNED_VARIABLE]: '1' };
}

// Lambda's limit on the init phase of an on-demand function.
const INIT_TIMEOUT_MS = 10_000;
// What getRemainingTimeInMillis() starts from while debugging: a day.
const DEBUGGING_DEADLINE_MS = 24 * 60 * 60 * 1000;

export interface ExecutionEnvironment {
  readonly alive: boolean;
  /** Its process, for measuring its memory. */
  readonly pid: number | undefined;
  /** The share of a core its last invocation kept busy while it could run; unknown when it gave no answer. */
  readonly lastCpuShare: number | undefined;
  invoke(eventJson: string, requestId: string, traceId?: string, observer?: InvocationObserver): Promise<InvokeOutcome>;
  /** Kills the process and resolves once it has exited. */
  terminate(): Promise<void>;
}

export type StartResult = { ok: true; environment: ExecutionEnvironment; initDurationMs: number } | { ok: false; message: string };

export async function startEnvironment(options: EnvironmentOptions): Promise<StartResult> {
  const { fn, log } = options;
  const debugging = options.inspectPort !== undefined;
  const prefix = `[${fn.functionName}]`;
  // Every line carries the function name, also inside multi-line messages.
  // The observer of the invocation running now, if any, gets its lines too.
  let observer: InvocationObserver | undefined;
  const write = (text: string) => {
    for (const line of text.split('\n')) {
      log(`${prefix} ${line}`);
      observer?.log(line);
    }
  };
  const logStreamName = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;
  const { runtimeDir, bootstrap } = await runtimeFiles();
  const started = performance.now();
  const child = fork(bootstrap, [], {
    cwd: options.taskRoot,
    env: processVariables(
      functionVariables({
        fn,
        configured: options.env,
        taskRoot: options.taskRoot,
        runtimeDir,
        logStreamName,
        nodeBinDir: path.dirname(process.execPath),
      }),
    ),
    // Not the emulator's own flags (a TypeScript loader among them): a bare runtime.
    execArgv: [
      ...lambdaNodeFlags(fn.memorySize),
      // Never on the LAN address: whoever reaches an inspector runs code on this machine.
      ...(options.inspectPort !== undefined ? [`--inspect=127.0.0.1:${options.inspectPort}`] : []),
    ],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', write);
  }
  let alive = true;
  let onExit: (() => void) | undefined;
  const exited = new Promise<void>((resolve) => {
    const gone = () => {
      alive = false;
      onExit?.();
      resolve();
    };
    child.once('exit', gone);
    // A process that never started emits 'error' and no 'exit'; a failed send is seen as the exit that follows.
    child.on('error', () => {
      if (child.pid === undefined) gone();
    });
  });
  let onMessage: ((message: EnvironmentMessage) => void) | undefined;
  child.on('message', (message: EnvironmentMessage) => {
    if (message.type === 'log') write(message.line);
    else onMessage?.(message);
  });

  const abort = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', abort, { once: true });
  if (options.signal?.aborted) abort();
  let initTimer: NodeJS.Timeout | undefined;
  const startup = await new Promise<EnvironmentMessage | { type: 'exit' } | { type: 'init-timeout' }>((resolve) => {
    onMessage = resolve;
    onExit = () => resolve({ type: 'exit' });
    if (!debugging) initTimer = setTimeout(() => resolve({ type: 'init-timeout' }), INIT_TIMEOUT_MS);
    if (!alive) resolve({ type: 'exit' });
  });
  clearTimeout(initTimer);
  options.signal?.removeEventListener('abort', abort);
  onMessage = undefined;
  onExit = undefined;
  if (startup.type !== 'ready') {
    await kill(child, exited);
    const messages: Record<string, string> = {
      'init-timeout': `Runtime.InitTimeout: init did not finish in ${INIT_TIMEOUT_MS / 1000} seconds`,
      exit: 'Runtime exited during init',
    };
    return {
      ok: false,
      message: startup.type === 'init-error' ? `${startup.errorType}: ${startup.errorMessage}` : (messages[startup.type] ?? startup.type),
    };
  }
  const initDurationMs = performance.now() - started;
  let coldStart = true;
  let busy = false;
  let lastCpuShare: number | undefined;

  const environment: ExecutionEnvironment = {
    get alive() {
      return alive;
    },
    pid: child.pid,
    get lastCpuShare() {
      return lastCpuShare;
    },
    async invoke(eventJson, requestId, traceId, invocationObserver) {
      if (busy || !alive) throw new Error('execution environment is busy or gone');
      busy = true;
      lastCpuShare = undefined;
      observer = invocationObserver;
      observer?.started({ requestId, coldStart });
      const initDuration = coldStart ? initDurationMs : undefined;
      coldStart = false;
      write(startLine(requestId));
      const began = performance.now();
      let timer: NodeJS.Timeout | undefined;
      type Settled = { kind: 'reply'; reply: ReplyMessage } | { kind: 'timeout' } | { kind: 'exit' };
      const settled = await new Promise<Settled>((resolve) => {
        onMessage = (message) => {
          if (message.type === 'result' || message.type === 'error') resolve({ kind: 'reply', reply: message });
        };
        onExit = () => resolve({ kind: 'exit' });
        if (!alive) resolve({ kind: 'exit' });
        if (!debugging) timer = setTimeout(() => resolve({ kind: 'timeout' }), fn.timeoutSeconds * 1000);
        const message: InvokeMessage = {
          type: 'invoke',
          eventJson,
          requestId,
          // While debugging there is no timeout: getRemainingTimeInMillis() must not reach 0 during a pause.
          deadline: Date.now() + (debugging ? DEBUGGING_DEADLINE_MS : fn.timeoutSeconds * 1000),
          invokedFunctionArn: options.invokedFunctionArn,
          ...(traceId ? { traceId } : {}),
        };
        child.send(message);
      });
      clearTimeout(timer);
      onMessage = undefined;
      onExit = undefined;
      const durationMs = performance.now() - began;
      busy = false;
      const report = (maxMemoryUsedMb: number, status?: 'timeout' | 'error') => {
        write(endLine(requestId));
        write(
          reportLine({
            requestId,
            durationMs,
            memorySize: fn.memorySize,
            maxMemoryUsedMb,
            ...(initDuration !== undefined ? { initDurationMs: initDuration } : {}),
            ...(status ? { status } : {}),
          }),
        );
        observer = undefined;
      };
      if (settled.kind === 'timeout') {
        write(timeoutLine(new Date(), requestId, fn.timeoutSeconds));
        report(fn.memorySize, 'timeout');
        await this.terminate();
        return { ok: false, kind: 'timeout', message: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds` };
      }
      if (settled.kind === 'exit') {
        report(fn.memorySize, 'error');
        return {
          ok: false,
          kind: 'crash',
          message: `Runtime exited with ${child.exitCode !== null ? `exit code ${child.exitCode}` : `signal ${child.signalCode}`}`,
        };
      }
      const { reply } = settled;
      lastCpuShare = reply.cpuShare;
      report(reply.maxMemoryMb);
      if (reply.type === 'error') {
        return {
          ok: false,
          kind: reply.unserializable ? 'bad-result' : 'handler-error',
          message: `${reply.errorType}: ${reply.errorMessage}`,
        };
      }
      if (Buffer.byteLength(reply.payloadJson) > MAX_RESULT_BYTES) {
        return {
          ok: false,
          kind: 'response-too-large',
          message: `Response payload size exceeded maximum allowed payload size (${MAX_RESULT_BYTES} bytes).`,
        };
      }
      return { ok: true, result: JSON.parse(reply.payloadJson) };
    },
    async terminate() {
      alive = false;
      await kill(child, exited);
    },
  };
  return { ok: true, environment, initDurationMs };
}

// An environment is frozen or discarded, never asked: SIGKILL, then wait for the exit.
async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
}

/**
 * The flags Lambda's Node.js bootstrap starts node with: the heap sized from
 * the function's memory (a tenth for the young generation, half of that per
 * semi-space, the rest for the old one), `--expose-gc`, and 80 KiB headers
 * (as in the runtime's /var/runtime/bootstrap script).
 */
export function lambdaNodeFlags(memorySizeMb: number): string[] {
  const newSpace = Math.floor(memorySizeMb / 10);
  return [
    '--expose-gc',
    '--max-http-header-size=81920',
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memorySizeMb - newSpace}`,
  ];
}
