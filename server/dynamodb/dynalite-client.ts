// HTTP calls from the emulator's front server to the dynalite server behind it:
// raw forwarding of a client's request, and JSON operation calls that the
// transaction code makes on the client's behalf.
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
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
  close(): void;
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

export function createDynaliteClient(endpoint: URL): DynaliteClient {
  const agent = new http.Agent({ keepAlive: true });

  function send(request: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer }): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers = { ...request.headers, host: endpoint.host, 'content-length': String(request.body.length) };
      delete headers['transfer-encoding'];
      const req = http.request(
        { agent, host: endpoint.hostname, port: endpoint.port, method: request.method, path: request.path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(request.body);
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

  return { send, operationCaller, internalCaller: () => operationCaller(INTERNAL_SIGNING), close: () => agent.destroy() };
}
