// Runs inside one execution environment (a worker thread): loads the handler
// module once (module scope stays warm), then serves one invocation at a time,
// each with its own MessagePort. Console output is formatted as the Lambda
// Node.js runtime formats it.
import { format } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { InvokeMessage, ReplyMessage, StartupMessage, WorkerData } from './invocation.ts';

const data = workerData as WorkerData;
const port = parentPort;
if (!port) throw new Error('lambda-worker must run in a worker thread');

let currentRequestId: string | undefined;
let currentReply: MessagePort | undefined;
let maxHeapBytes = 0;

// Log lines travel on the invocation's own port, so they arrive before its result.
function emit(level: string, args: unknown[]): void {
  const line = `${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}`;
  (currentReply ?? port)?.postMessage({ type: 'log', line });
}
console.log = (...args: unknown[]) => emit('INFO', args);
console.info = (...args: unknown[]) => emit('INFO', args);
console.warn = (...args: unknown[]) => emit('WARN', args);
console.error = (...args: unknown[]) => emit('ERROR', args);
console.debug = (...args: unknown[]) => emit('DEBUG', args);
console.trace = (...args: unknown[]) => emit('TRACE', args);

type Handler = (event: unknown, context: Context, callback?: (error: unknown, result?: unknown) => void) => unknown;

function describe(error: unknown): { errorType: string; errorMessage: string; stack?: string[] } {
  if (error instanceof Error) return { errorType: error.name, errorMessage: error.message, stack: error.stack?.split('\n') ?? [] };
  return { errorType: 'Error', errorMessage: String(error) };
}

function sampleMemory(): number {
  maxHeapBytes = Math.max(maxHeapBytes, getHeapStatistics().used_heap_size);
  return Math.ceil(maxHeapBytes / (1024 * 1024));
}

let handler: Handler;
try {
  const module = (await import(pathToFileURL(data.handlerFile).href)) as Record<string, unknown>;
  const exported = module[data.handlerExport];
  if (typeof exported !== 'function') {
    const message: StartupMessage = { type: 'init-error', errorType: 'Runtime.HandlerNotFound', errorMessage: `${data.handlerFile}.${data.handlerExport} is undefined or not exported` };
    port.postMessage(message);
    throw new Error(message.errorMessage);
  }
  handler = exported as Handler;
} catch (error) {
  const { errorType, errorMessage } = describe(error);
  emit('ERROR', [`Init Error \t${JSON.stringify({ errorType: 'Runtime.ImportModuleError', errorMessage: `${errorType}: ${errorMessage}` })}`]);
  port.postMessage({ type: 'init-error', errorType: 'Runtime.ImportModuleError', errorMessage } satisfies StartupMessage);
  throw error;
}
sampleMemory();
port.postMessage({ type: 'ready' } satisfies StartupMessage);

port.on('message', (message: InvokeMessage) => {
  if (message.type !== 'invoke') return;
  void invoke(message);
});

async function invoke({ port: reply, eventJson, requestId, deadline }: InvokeMessage): Promise<void> {
  currentRequestId = requestId;
  currentReply = reply;
  const context: Context = {
    awsRequestId: requestId,
    functionName: data.functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: String(data.memorySize),
    invokedFunctionArn: data.invokedFunctionArn,
    logGroupName: data.logGroupName,
    logStreamName: data.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  let message: ReplyMessage;
  try {
    const result = await new Promise<unknown>((resolve, reject) => {
      const callback = (error: unknown, value?: unknown) => (error ? reject(error) : resolve(value));
      const returned = handler(JSON.parse(eventJson), context, callback);
      // Async handlers answer with their promise; callback handlers ignore the return.
      if (handler.length < 3 || (returned !== undefined && typeof (returned as Promise<unknown>)?.then === 'function')) {
        Promise.resolve(returned).then(resolve, reject);
      }
    });
    message = serialize(result);
  } catch (error) {
    const described = describe(error);
    emit('ERROR', [`Invoke Error \t${JSON.stringify(described)}`]);
    message = { type: 'error', errorType: described.errorType, errorMessage: described.errorMessage, maxMemoryMb: sampleMemory() };
  } finally {
    currentRequestId = undefined;
    currentReply = undefined;
  }
  reply.postMessage(message);
  reply.close();
}

// The runtime sends the result as JSON, so what the gateway sees is the JSON round trip.
function serialize(result: unknown): ReplyMessage {
  try {
    return { type: 'result', payloadJson: JSON.stringify(result) ?? 'null', maxMemoryMb: sampleMemory() };
  } catch (error) {
    const { errorType, errorMessage } = describe(error);
    return { type: 'error', errorType, errorMessage, maxMemoryMb: sampleMemory(), unserializable: true };
  }
}
