import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { GetBucketCorsCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.ts';
import { createBucket } from './create-bucket.ts';
import { startS3 } from './start-s3.ts';
import { startEmulatedBucket } from './test-fixtures/emulated-bucket.ts';
import { SAMPLE_BUCKET_FILE } from '../test-fixtures/sample-definitions.ts';

async function setUp(t: TestContext) {
  const { s3, client, bucket } = await startEmulatedBucket(t);
  return { s3, client, bucketName: bucket };
}

test('the SDK uses path style for an IP endpoint without forcePathStyle', async (t) => {
  const { s3, client, bucketName } = await setUp(t);
  assert.match(s3.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  const requested: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { hostname: string; path: string };
      requested.push(`${request.hostname}${request.path}`);
      return next(args);
    },
    { step: 'finalizeRequest' },
  );

  await client.send(new PutObjectCommand({ Bucket: bucketName, Key: 'a/b.txt', Body: 'hello', ContentType: 'text/plain' }));
  const got = await client.send(new GetObjectCommand({ Bucket: bucketName, Key: 'a/b.txt' }));
  assert.equal(await got.Body?.transformToString(), 'hello');
  assert.equal(got.ContentType, 'text/plain');
  assert.deepEqual(requested, [`127.0.0.1/${bucketName}/a/b.txt`, `127.0.0.1/${bucketName}/a/b.txt`]);
});

test('the evidence bucket is created once, with its CORS rules', async (t) => {
  const { s3, client, bucketName } = await setUp(t);
  assert.equal(bucketName, 'handshake-test-evidence');
  assert.deepEqual(await createBucket({ endpoint: s3.endpoint, stage: 'test', file: SAMPLE_BUCKET_FILE }), { bucketName });
  const cors = await client.send(new GetBucketCorsCommand({ Bucket: bucketName }));
  assert.deepEqual([...(cors.CORSRules?.[0]?.AllowedMethods ?? [])].sort(), ['GET', 'HEAD', 'POST', 'PUT']);
  assert.deepEqual(cors.CORSRules?.[0]?.ExposeHeaders, ['ETag']);
});

test('a presigned POST uploads with fetch + FormData and a presigned GET reads it back', async (t) => {
  const { client, bucketName } = await setUp(t);
  const key = 'disputes/1/evidence/1/photo.png';
  const content = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const { url, fields } = await createPresignedPost(client, {
    Bucket: bucketName,
    Key: key,
    Conditions: [
      ['content-length-range', 1, 10_485_760],
      ['eq', '$Content-Type', 'image/png'],
      ['eq', '$key', key],
    ],
    Fields: { 'Content-Type': 'image/png' },
    Expires: 300,
  });
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/handshake-test-evidence\/?$/);

  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([content], { type: 'image/png' }), 'photo.png');
  const posted = await fetch(url, { method: 'POST', body: form });
  assert.equal(posted.status, 204);

  const getUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucketName, Key: key }), { expiresIn: 60 });
  const fetched = await fetch(getUrl);
  assert.equal(fetched.status, 200);
  assert.equal(fetched.headers.get('content-type'), 'image/png');
  assert.deepEqual(new Uint8Array(await fetched.arrayBuffer()), content);
});

test('a data dir keeps objects across a restart; without one the temporary store is removed', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 's3-test-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const first = await startS3({ dataDir });
  const { bucketName } = await createBucket({ endpoint: first.endpoint, stage: 'persist', file: SAMPLE_BUCKET_FILE });
  const writer = new S3Client({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: first.endpoint });
  await writer.send(new PutObjectCommand({ Bucket: bucketName, Key: 'kept.txt', Body: 'kept' }));
  writer.destroy();
  await first.stop();

  const second = await startS3({ dataDir });
  const reader = new S3Client({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: second.endpoint });
  const got = await reader.send(new GetObjectCommand({ Bucket: bucketName, Key: 'kept.txt' }));
  assert.equal(await got.Body?.transformToString(), 'kept');
  reader.destroy();
  await second.stop();
  assert.ok(existsSync(join(dataDir, bucketName)), 'a given data dir is kept');

  // A bucket name unique to this process finds the temporary directory among others'.
  const stage = `tmp-${process.pid}`;
  const temporary = await startS3({});
  await createBucket({ endpoint: temporary.endpoint, stage, file: SAMPLE_BUCKET_FILE });
  const holders = (await readdir(tmpdir()))
    .filter((name) => name.startsWith('s3-emulator-'))
    .filter((name) => existsSync(join(tmpdir(), name, `handshake-${stage}-evidence`)));
  assert.equal(holders.length, 1);
  await temporary.stop();
  assert.equal(existsSync(join(tmpdir(), holders[0] ?? '')), false);
});
