// A stuck s3rver is detected: the request to it fails after the idle timeout,
// and the front answers 500 InternalError, which the SDK retries
// (S3 API Reference, "Error responses": InternalError, 500, "We encountered an
// internal error. Please try again.").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { localClientConfig } from '../local-aws.ts';
import { buildS3Front } from './s3-front.ts';
import { createS3rverBackend } from './s3rver-backend.ts';

/** A server that takes requests and never answers them: a stuck s3rver. */
async function stuckServer(t: import('node:test').TestContext): Promise<number> {
  const server = http.createServer(() => undefined);
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return (server.address() as AddressInfo).port;
}

test('a request s3rver never answers fails once it has been idle for the timeout', { timeout: 10_000 }, async (t) => {
  const backend = createS3rverBackend(await stuckServer(t), { idleTimeoutMs: 100 });
  t.after(() => backend.close());
  // Only the timer makes this error; the test's own timeout turns a hang into a failure.
  await assert.rejects(backend.send({ method: 'GET', path: '/bucket/key', headers: {} }), /idle for 100 ms/);
});

test('the front answers a request to a stuck s3rver with 500 InternalError instead of hanging', { timeout: 10_000 }, async (t) => {
  const backend = createS3rverBackend(await stuckServer(t), { idleTimeoutMs: 100 });
  const spoolDir = await mkdtemp(join(tmpdir(), 's3-spool-'));
  const front = await buildS3Front({ backend, spoolDir, report: () => undefined });
  await front.listen({ host: '127.0.0.1', port: 0 });
  const client = new S3Client({
    ...localClientConfig(`http://127.0.0.1:${(front.server.address() as AddressInfo).port}`),
    forcePathStyle: true,
    maxAttempts: 1,
  });
  t.after(async () => {
    client.destroy();
    await front.close();
    backend.close();
    await rm(spoolDir, { recursive: true, force: true });
  });
  const error = await client.send(new GetObjectCommand({ Bucket: 'evidence', Key: 'uploads/a.pdf' })).catch((caught: unknown) => caught);
  assert.ok(error instanceof S3ServiceException, String(error));
  assert.equal(error.name, 'InternalError');
  assert.equal(error.$metadata.httpStatusCode, 500);
});
