// One Lambda execution environment: a worker thread with the function's own
// environment variables and module scope. One invocation at a time; a timeout
// or crash terminates it, and the runtime never uses it again.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { FunctionSpec, InvokeOutcome, LogMessage, ReplyMessage, StartupMessage, WorkerData } from './invocation.ts';
import { MAX_RESULT_BYTES } from './invocation.ts';
import { endLine, reportLine, startLine, timeoutLine } from './report-lines.ts';

export interface EnvironmentOptions {
  fn: FunctionSpec;
  env: Record<string, string>;
  invokedFunctionArn: string;
  /** Receives every log line, already prefixed with the function name. */
  log: (line: string) => void;
}

export interface ExecutionEnvironment {
  readonly alive: boolean;
  invoke(eventJson: string, requestId: string): Promise<InvokeOutcome>;
  terminate(): Promise<void>;
}

export type StartResult =
  | { ok: true; environment: ExecutionEnvironment; initDurationMs: number }
  | { ok: false; message: string };

// The worker entry is TypeScript, and so are the handlers: register tsx in the
// worker itself, since loader hooks of the parent do not reach worker threads.
const TSX_API = import.meta.resolve('tsx/esm/api');
const WORKER_ENTRY = new URL('./lambda-worker.ts', import.meta.url).href;
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_ENTRY)}); });`;

export async function startEnvironment(options: EnvironmentOptions): Promise<StartResult> {
  const { fn, log } = options;
  const prefix = `[${fn.functionName}]`;
  // Every line carries the function name, also inside multi-line messages.
  const write = (text: string) => { for (const line of text.split('\n')) log(`${prefix} ${line}`); };
  const logStreamName = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;
  const data: WorkerData = {
    handlerFile: fn.handlerFile, handlerExport: fn.handlerExport, functionName: fn.functionName,
    memorySize: fn.memorySize, invokedFunctionArn: options.invokedFunctionArn,
    logGroupName: `/aws/lambda/${fn.functionName}`, logStreamName,
  };
  const started = performance.now();
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: data,
    env: { ...options.env, AWS_LAMBDA_LOG_STREAM_NAME: logStreamName },
    stdout: true,
    stderr: true,
    // The function's memory size bounds its heap, as it bounds the whole sandbox in Lambda.
    resourceLimits: { maxOldGenerationSizeMb: fn.memorySize },
  });
  for (const stream of [worker.stdout, worker.stderr]) {
    createInterface({ input: stream }).on('line', write);
  }

  let alive = true;
  let exitError: Error | undefined;
  worker.on('error', (error) => { exitError = error; });
  worker.on('exit', () => { alive = false; });

  worker.on('message', (message: LogMessage | StartupMessage) => {
    if (message.type === 'log') write(message.line);
  });
  const startup = await new Promise<StartupMessage | { type: 'exit'; message: string }>((resolve) => {
    worker.on('message', (message: LogMessage | StartupMessage) => {
      if (message.type !== 'log') resolve(message);
    });
    worker.once('exit', () => resolve({ type: 'exit', message: exitError?.message ?? 'the environment exited during init' }));
  });
  if (startup.type !== 'ready') {
    await worker.terminate();
    return { ok: false, message: startup.type === 'exit' ? startup.message : `${startup.errorType}: ${startup.errorMessage}` };
  }
  const initDurationMs = performance.now() - started;
  let coldStart = true;
  let busy = false;

  const environment: ExecutionEnvironment = {
    get alive() { return alive; },

    async invoke(eventJson, requestId) {
      if (busy || !alive) throw new Error('execution environment is busy or gone');
      busy = true;
      const initDuration = coldStart ? initDurationMs : undefined;
      coldStart = false;
      write(startLine(requestId));
      const { port1, port2 } = new MessageChannel();
      const began = performance.now();
      const deadline = Date.now() + fn.timeoutSeconds * 1000;
      let timer: NodeJS.Timeout | undefined;
      let onExit: (() => void) | undefined;

      type Settled = { kind: 'reply'; reply: ReplyMessage } | { kind: 'timeout' } | { kind: 'exit' };
      const settled = await new Promise<Settled>((resolve) => {
        port1.on('message', (message: LogMessage | ReplyMessage) => {
          if (message.type === 'log') write(message.line);
          else resolve({ kind: 'reply', reply: message });
        });
        timer = setTimeout(() => resolve({ kind: 'timeout' }), fn.timeoutSeconds * 1000);
        onExit = () => resolve({ kind: 'exit' });
        worker.once('exit', onExit);
        worker.postMessage({ type: 'invoke', port: port2, eventJson, requestId, deadline }, [port2]);
      });
      clearTimeout(timer);
      if (onExit) worker.off('exit', onExit);
      port1.close();
      const durationMs = performance.now() - began;
      busy = false;

      const report = (maxMemoryUsedMb: number, status?: 'timeout' | 'error') => {
        write(endLine(requestId));
        write(reportLine({ requestId, durationMs, memorySize: fn.memorySize, maxMemoryUsedMb, ...(initDuration !== undefined ? { initDurationMs: initDuration } : {}), ...(status ? { status } : {}) }));
      };

      if (settled.kind === 'timeout') {
        write(timeoutLine(new Date(), requestId, fn.timeoutSeconds));
        report(fn.memorySize, 'timeout');
        await this.terminate();
        return { ok: false, kind: 'timeout', message: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds` };
      }
      if (settled.kind === 'exit') {
        report(fn.memorySize, 'error');
        return { ok: false, kind: 'crash', message: exitError?.message ?? 'Runtime exited' };
      }
      const { reply } = settled;
      report(reply.maxMemoryMb);
      if (reply.type === 'error') {
        return { ok: false, kind: reply.unserializable ? 'bad-result' : 'handler-error', message: `${reply.errorType}: ${reply.errorMessage}` };
      }
      if (Buffer.byteLength(reply.payloadJson) > MAX_RESULT_BYTES) {
        return { ok: false, kind: 'response-too-large', message: `Response payload size exceeded maximum allowed payload size (${MAX_RESULT_BYTES} bytes).` };
      }
      return { ok: true, result: JSON.parse(reply.payloadJson) };
    },

    async terminate() {
      alive = false;
      await worker.terminate();
    },
  };
  return { ok: true, environment, initDurationMs };
}
