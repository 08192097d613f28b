// Calls from the emulator's front server to dynalite behind it: raw forwarding
// of a client's request, and JSON operation calls that the transaction code
// makes on the client's behalf.
import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.ts';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type OperationResult =
  | { ok: true; status: number; data: Record<string, unknown> }
  | { ok: false; status: number; code: string; data: Record<string, unknown> };

/** Calls one DynamoDB operation (e.g. `GetItem`) with JSON parameters. */
export type CallOperation = (operation: string, params: object) => Promise<OperationResult>;

export interface DynaliteClient {
  send(request: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer }): Promise<RawResponse>;
  /** Operation caller that signs like the original request (dynalite checks presence, not validity). */
  operationCaller(original: IncomingHttpHeaders): CallOperation;
  /** Operation caller for the emulator's own work (TTL sweeps, journal recovery), with no client request. */
  internalCaller(): CallOperation;
}

const SIGNING_HEADERS = ['authorization', 'x-amz-date', 'date', 'x-amz-security-token'] as const;

// A well-formed SigV4 header: dynalite checks that its parts are there, not the signature.
const INTERNAL_SIGNING: IncomingHttpHeaders = {
  authorization: `AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/20200101/${LOCAL_REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
  'x-amz-date': '20200101T000000Z',
};

/** `com.amazon.coral.validate#ValidationException` → `ValidationException`. */
export function errorCode(type: unknown): string {
  return typeof type === 'string' ? (type.split('#').pop() ?? type) : 'UnknownError';
}

/**
 * How long one dynalite call may take. It is for a call that never ends (a
 * stuck store), which would otherwise hold the emulator's lock for good, every
 * later request waiting and failing: past this bound the call fails, the front
 * answers 500 InternalServerError as DynamoDB does for an internal failure,
 * the SDK retries, and the lock moves on. A call that is merely slow is not
 * stopped by it and may still apply after that 500 (DynamoDB too may apply a
 * write whose answer was an error); no in-memory call comes near 10 s.
 */
export const DYNALITE_CALL_TIMEOUT_MS = 10_000;

export class DynaliteTimeoutError extends Error {
  override readonly name = 'DynaliteTimeoutError';
}

/**
 * The request listener of dynalite's server, called in-process with the small
 * part of IncomingMessage and ServerResponse it uses (headers, method and url;
 * data and end events; statusCode, setHeader and end). The emulator's clients
 * still speak HTTP to the front server; only the hop from the front to
 * dynalite skips the loopback socket, which cost two socket writes and an HTTP
 * parse on each side for every DynamoDB call.
 */
export function createDynaliteClient(backend: Server, { callTimeoutMs = DYNALITE_CALL_TIMEOUT_MS } = {}): DynaliteClient {
  const listener = backend.listeners('request')[0] as RequestListener | undefined;
  if (!listener) throw new Error('dynalite server has no request listener');
  const handle: RequestListener = listener;

  function send(request: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer }): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new DynaliteTimeoutError(`dynalite did not answer ${request.headers['x-amz-target'] ?? request.method} in ${callTimeoutMs} ms`),
          ),
        callTimeoutMs,
      );
      const req = Object.assign(new EventEmitter(), { method: request.method, url: request.path, headers: request.headers });
      const headers: IncomingHttpHeaders = {};
      const res = {
        statusCode: 200,
        contentType: undefined as string | undefined,
        setHeader(name: string, value: string | number) {
          headers[name.toLowerCase()] = String(value);
        },
        end(body?: string | Buffer) {
          clearTimeout(timer);
          resolve({ status: res.statusCode, headers, body: body === undefined ? Buffer.alloc(0) : Buffer.from(body) });
        },
      };
      try {
        handle(req as unknown as IncomingMessage, res as unknown as ServerResponse);
        if (request.body.length > 0) req.emit('data', request.body);
        req.emit('end');
      } catch (error) {
        clearTimeout(timer);
        reject(error);
      }
    });
  }

  function operationCaller(original: IncomingHttpHeaders): CallOperation {
    const signing: Record<string, string | string[]> = {};
    for (const name of SIGNING_HEADERS) {
      const value = original[name];
      if (value !== undefined) signing[name] = value;
    }
    return async (operation, params) => {
      const response = await send({
        method: 'POST',
        path: '/',
        headers: {
          ...signing,
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${operation}`,
        },
        body: Buffer.from(JSON.stringify(params)),
      });
      const data = JSON.parse(response.body.toString('utf8') || '{}') as Record<string, unknown>;
      if (response.status === 200) return { ok: true, status: 200, data };
      return { ok: false, status: response.status, code: errorCode(data.__type), data };
    };
  }

  return { send, operationCaller, internalCaller: () => operationCaller(INTERNAL_SIGNING) };
}
