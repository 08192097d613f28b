// The emulator's stand-in for Lambda's Node.js runtime, run as the entry of one
// execution environment: a child process whose working directory is the task
// root and whose environment is the function's. It loads the handler named by
// _HANDLER once (module scope stays warm), then serves one invocation at a
// time. Console output is formatted as the Lambda runtime formats it and sent
// on the IPC channel with the result, so lines arrive before the answer.
import { format } from 'node:util';
import type { Context } from 'aws-lambda';
import { ALLOCATOR_TUNED_VARIABLE, type EnvironmentMessage, type InvokeMessage, type ReplyMessage } from './invocation.ts';
import { startCpuShare } from './cpu-share.ts';
import { loadHandler, RuntimeError, type Handler } from './load-handler.ts';

// The emulator's allocator setting was for glibc at start; the function sees Lambda's variables only.
if (process.env[ALLOCATOR_TUNED_VARIABLE]) {
  delete process.env['GLIBC_TUNABLES'];
  delete process.env[ALLOCATOR_TUNED_VARIABLE];
}

const send = (message: EnvironmentMessage): void => void process.send?.(message);
if (!process.send) throw new Error('the runtime bootstrap runs as a forked execution environment');
// The emulator went away: so does the environment.
process.on('disconnect', () => process.exit(0));

let currentRequestId: string | undefined;

function emit(level: string, args: unknown[]): void {
  send({ type: 'log', line: `${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}` });
}
console.log = (...args: unknown[]) => emit('INFO', args);
console.info = (...args: unknown[]) => emit('INFO', args);
console.warn = (...args: unknown[]) => emit('WARN', args);
console.error = (...args: unknown[]) => emit('ERROR', args);
console.debug = (...args: unknown[]) => emit('DEBUG', args);
console.trace = (...args: unknown[]) => emit('TRACE', args);

function describe(error: unknown): { errorType: string; errorMessage: string; trace: string[] } {
  if (error instanceof RuntimeError) return { errorType: error.errorType, errorMessage: error.message, trace: [] };
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message, trace: error.stack?.split('\n') ?? [] };
  return { errorType: typeof error === 'string' ? 'string' : 'Error', errorMessage: String(error), trace: [] };
}

/** Peak resident memory of the environment, as REPORT's Max Memory Used. */
const maxMemoryMb = (): number => Math.ceil(process.resourceUsage().maxRSS / 1024);

let handler: Handler;
try {
  handler = await loadHandler(process.env['LAMBDA_TASK_ROOT'] ?? process.cwd(), process.env['_HANDLER'] ?? '');
} catch (error) {
  const { errorType, errorMessage } = describe(error);
  const type = error instanceof RuntimeError ? errorType : 'Runtime.ImportModuleError';
  const message = error instanceof RuntimeError ? errorMessage : `${errorType}: ${errorMessage}`;
  emit('ERROR', [`Init Error \t${JSON.stringify({ errorType: type, errorMessage: message })}`]);
  // Exit once the message is out: an IPC send is asynchronous.
  process.send?.({ type: 'init-error', errorType: type, errorMessage: message } satisfies EnvironmentMessage, () => process.exit(1));
  await new Promise(() => undefined);
}
send({ type: 'ready' });

process.on('message', (message: InvokeMessage) => {
  if (message.type === 'invoke') invoke(message);
});

/** Runs `then` once nothing but the emulator's channel keeps the event loop busy. */
function whenEventLoopEmpty(then: () => void): void {
  process.channel?.unref();
  process.once('beforeExit', () => {
    process.channel?.ref();
    then();
  });
}

function invoke({ eventJson, requestId, deadline, invokedFunctionArn, traceId }: InvokeMessage): void {
  currentRequestId = requestId;
  const cpuShare = startCpuShare();
  if (traceId) process.env['_X_AMZN_TRACE_ID'] = traceId;
  else delete process.env['_X_AMZN_TRACE_ID'];
  let finished = false;
  const finish = (reply: ReplyMessage) => {
    currentRequestId = undefined;
    send({ ...reply, cpuShare: cpuShare() });
  };
  const fail = (error: unknown) => {
    const described = describe(error);
    emit('ERROR', [`Invoke Error \t${JSON.stringify(described)}`]);
    finish({ type: 'error', errorType: described.errorType, errorMessage: described.errorMessage, maxMemoryMb: maxMemoryMb() });
  };
  const succeed = (result: unknown) => finish(serialize(result));
  // Only the first of callback, succeed, fail or done counts, as in the Node.js runtime.
  const once =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      if (finished) return;
      finished = true;
      fn(...args);
    };
  let waitForEmptyEventLoop = true;
  const done = once((error?: unknown, result?: unknown) => (error !== undefined && error !== null ? fail(error) : succeed(result)));
  // callbackWaitsForEmptyEventLoop (true by default): a callback's result is
  // sent once the event loop is empty. "Set to false to send the response right
  // away when the callback runs, instead of waiting for the Node.js event loop
  // to be empty" (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html).
  const callback = once((error?: unknown, result?: unknown) => {
    if (error !== undefined && error !== null) return fail(error);
    if (waitForEmptyEventLoop) whenEventLoopEmpty(() => succeed(result));
    else succeed(result);
  });
  const context: Context = {
    awsRequestId: requestId,
    functionName: process.env['AWS_LAMBDA_FUNCTION_NAME'] ?? '',
    functionVersion: process.env['AWS_LAMBDA_FUNCTION_VERSION'] ?? '$LATEST',
    memoryLimitInMB: process.env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'] ?? '',
    invokedFunctionArn,
    logGroupName: process.env['AWS_LAMBDA_LOG_GROUP_NAME'] ?? '',
    logStreamName: process.env['AWS_LAMBDA_LOG_STREAM_NAME'] ?? '',
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waitForEmptyEventLoop = value;
    },
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done,
    succeed: (result?: unknown) => done(null, result),
    fail: (error?: unknown) => done(error ?? 'handled'),
  };
  try {
    const returned = handler(JSON.parse(eventJson), context, callback);
    // An async handler answers with its promise; others through the callback or context.
    if (returned !== null && typeof (returned as Promise<unknown> | undefined)?.then === 'function') {
      (returned as Promise<unknown>).then(once(succeed), once(fail));
    } else {
      // Neither a promise nor (yet) a callback: the answer is null once the event loop empties.
      whenEventLoopEmpty(once(() => succeed(null)));
    }
  } catch (error) {
    once(fail)(error);
  }
}

// The runtime sends the result as JSON, so what the gateway sees is the JSON round trip.
function serialize(result: unknown): ReplyMessage {
  try {
    return { type: 'result', payloadJson: JSON.stringify(result) ?? 'null', maxMemoryMb: maxMemoryMb() };
  } catch (error) {
    const { errorType, errorMessage } = describe(error);
    return { type: 'error', errorType, errorMessage, maxMemoryMb: maxMemoryMb(), unserializable: true };
  }
}
