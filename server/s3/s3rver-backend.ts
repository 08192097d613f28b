// The s3rver behind the front, reachable on 127.0.0.1 only: forwards verified
// requests, stores verified POST uploads with a plain PUT (so s3rver's own
// multipart parser is never reached), and reads a bucket's CORS rules.
import http from 'node:http';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { GetBucketCorsCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { CORSRule } from '@aws-sdk/client-s3';
import { localClientConfig } from '../local-aws.ts';

export interface BackendResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Readable;
}

export interface S3rverBackend {
  send(request: { method: string; path: string; headers: http.OutgoingHttpHeaders; body?: Readable }): Promise<BackendResponse>;
  putFile(bucket: string, key: string, file: { path: string; size: number }, headers: Record<string, string>): Promise<BackendResponse>;
  corsRules(bucket: string): Promise<CORSRule[] | undefined>;
  close(): void;
}

/** Path-style object path with each key segment percent-encoded. */
export function objectPath(bucket: string, key: string): string {
  return `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * How long s3rver may go without reading or writing a byte of a request it
 * was given. Past it the request fails: the front answers 500 InternalError
 * as S3 does for an internal failure (or cuts a response already started), and
 * the SDK retries, instead of waiting on a stuck s3rver for good.
 */
export const BACKEND_IDLE_TIMEOUT_MS = 30_000;

export function createS3rverBackend(port: number, { idleTimeoutMs = BACKEND_IDLE_TIMEOUT_MS } = {}): S3rverBackend {
  const agent = new http.Agent({ keepAlive: true });
  const cors = new S3Client({
    ...localClientConfig(`http://127.0.0.1:${port}`),
    forcePathStyle: true,
    requestHandler: { requestTimeout: idleTimeoutMs },
  });

  const send: S3rverBackend['send'] = (request) =>
    new Promise((resolve, reject) => {
      const outgoing = http.request(
        { host: '127.0.0.1', port, agent, method: request.method, path: request.path, headers: request.headers },
        (response) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: response }),
      );
      outgoing.on('error', reject);
      outgoing.setTimeout(idleTimeoutMs, () => outgoing.destroy(new Error(`s3rver was idle for ${idleTimeoutMs} ms`)));
      if (request.body) {
        request.body.on('error', (error) => outgoing.destroy(error));
        request.body.pipe(outgoing);
      } else {
        outgoing.end();
      }
    });

  return {
    send,
    putFile: (bucket, key, file, headers) =>
      send({
        method: 'PUT',
        path: objectPath(bucket, key),
        headers: { ...headers, 'content-length': String(file.size) },
        body: createReadStream(file.path),
      }),
    async corsRules(bucket) {
      try {
        return (await cors.send(new GetBucketCorsCommand({ Bucket: bucket }))).CORSRules ?? [];
      } catch (error) {
        if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return undefined;
        throw error;
      }
    },
    close() {
      cors.destroy();
      agent.destroy();
    },
  };
}
