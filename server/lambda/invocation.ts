// What crosses between the runtime and an execution environment, and what an
// invocation can come to. Failures are data: the gateway maps each to a status.
import type { LambdaRuntime } from '../../contract-core/lambda-runtimes.ts';

export interface FunctionSpec {
  functionName: string;
  /** Lambda's handler setting: module path inside the task root, then the export. */
  handler: string;
  runtime: LambdaRuntime;
  memorySize: number;
  timeoutSeconds: number;
}

/** Where a function's code is now; `version` changes whenever the code does. */
export type FunctionCode =
  | { ok: true; taskRoot: string; version: string }
  | { ok: false; version: string; errorType: string; errorMessage: string };

export type InvokeFailureKind =
  | 'handler-error' // the handler threw, rejected or reported an error
  | 'init-error' // the module failed to load, or the export is not a function
  | 'timeout' // ran past the function timeout; the environment was discarded
  | 'crash' // the environment died (uncaught error, exit, out of memory)
  | 'request-too-large' // event JSON over Lambda's 6 MB synchronous limit
  | 'response-too-large' // result JSON over Lambda's 6 MB synchronous limit
  | 'bad-result'; // the result could not be serialized as JSON

export type InvokeOutcome = { ok: true; result: unknown } | { ok: false; kind: InvokeFailureKind; message: string };

/** Per-invocation facts the caller supplies. */
export interface InvokeOptions {
  /** The X-Ray trace header of the request (`Root=1-…`); becomes `_X_AMZN_TRACE_ID`. */
  traceId?: string;
  /** The request id, when the caller has one: the retries of an asynchronous invocation keep the first attempt's. */
  requestId?: string;
  /** Told about this invocation as it runs (the dev console records it). */
  observer?: InvocationObserver;
}

export interface InvocationObserver {
  /** An environment took the invocation; `coldStart`: it was started for it. */
  started(details: { requestId: string; coldStart: boolean }): void;
  /** One of the invocation's log lines, START to REPORT, without the function-name prefix of the terminal. */
  log(line: string): void;
}

/**
 * What the runtime tells whoever watches every invocation (runtime.observe): the same as an invocation's
 * own observer hears, with the function and the trace header it was invoked with, to tell invocations apart.
 */
export interface RuntimeObserver {
  started(details: { functionName: string; requestId: string; traceId?: string; coldStart: boolean }): void;
  log(details: { functionName: string; requestId: string; traceId?: string; line: string }): void;
}

/** An observer that writes what it is told into `into`: whether the start was cold, and the log lines. */
export function observerInto(into: { coldStart?: boolean | null; logs: string[] }): InvocationObserver {
  return {
    started: ({ coldStart }) => {
      into.coldStart = coldStart;
    },
    log: (line) => {
      into.logs.push(line);
    },
  };
}

export interface InvokeMessage {
  type: 'invoke';
  eventJson: string;
  requestId: string;
  /** Epoch ms at which the function times out. */
  deadline: number;
  /** Sent per invocation, as Lambda's runtime API does (Lambda-Runtime-Invoked-Function-Arn). */
  invokedFunctionArn: string;
  traceId?: string;
}

export interface LogMessage {
  type: 'log';
  line: string;
}

export type StartupMessage = { type: 'ready' } | { type: 'init-error'; errorType: string; errorMessage: string };

export type ReplyMessage = (
  | { type: 'result'; payloadJson: string; maxMemoryMb: number }
  | { type: 'error'; errorType: string; errorMessage: string; maxMemoryMb: number; unserializable?: boolean }
) & {
  /** The share of a core the invocation kept busy while it could run (cpu-share.ts). */
  cpuShare?: number;
};

export type EnvironmentMessage = LogMessage | StartupMessage | ReplyMessage;

// 6 MB synchronous invocation limits as Lambda counts them (6 MiB for the
// request, 6 MiB + 100 bytes for the response).
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;
export const MAX_RESULT_BYTES = 6 * 1024 * 1024 + 100;

/**
 * Set beside GLIBC_TUNABLES when the emulator, not the function, put it there:
 * the bootstrap removes both before the handler loads (glibc has read them by then).
 */
export const ALLOCATOR_TUNED_VARIABLE = '_EMULATOR_ALLOCATOR_TUNED';
