// What crosses between the runtime and an execution environment, and what an
// invocation can come to. Failures are data: the gateway maps each to a status.
import type { MessagePort } from 'node:worker_threads';

export interface FunctionSpec {
  functionName: string;
  handlerFile: string;
  handlerExport: string;
  memorySize: number;
  timeoutSeconds: number;
}

export type InvokeFailureKind =
  | 'handler-error'      // the handler threw or rejected
  | 'init-error'         // the module failed to load, or the export is not a function
  | 'timeout'            // ran past the function timeout; the environment was discarded
  | 'crash'              // the environment died (uncaught error, out of memory)
  | 'request-too-large'  // event JSON over Lambda's 6 MB synchronous limit
  | 'response-too-large' // result JSON over Lambda's 6 MB synchronous limit
  | 'bad-result';        // the result could not be serialized as JSON

export type InvokeOutcome =
  | { ok: true; result: unknown }
  | { ok: false; kind: InvokeFailureKind; message: string };

/** Data the worker starts with. */
export interface WorkerData {
  handlerFile: string;
  handlerExport: string;
  functionName: string;
  memorySize: number;
  invokedFunctionArn: string;
  logGroupName: string;
  logStreamName: string;
}

export interface InvokeMessage {
  type: 'invoke';
  port: MessagePort;
  eventJson: string;
  requestId: string;
  /** Epoch ms at which the function times out. */
  deadline: number;
}

export interface LogMessage {
  type: 'log';
  line: string;
}

export type StartupMessage =
  | { type: 'ready' }
  | { type: 'init-error'; errorType: string; errorMessage: string };

export type ReplyMessage =
  | { type: 'result'; payloadJson: string; maxMemoryMb: number }
  | { type: 'error'; errorType: string; errorMessage: string; maxMemoryMb: number; unserializable?: boolean };

// 6 MB synchronous invocation limits as Lambda counts them (6 MiB for the
// request, 6 MiB + 100 bytes for the response).
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;
export const MAX_RESULT_BYTES = 6 * 1024 * 1024 + 100;
