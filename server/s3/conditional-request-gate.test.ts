// Conditional requests through the front with the real SDK v3, as S3 answers
// them: GetObject / HeadObject If-* (S3 API Reference), CopyObject
// x-amz-copy-source-if-* (S3 API Reference), conditional writes (User Guide,
// "How to prevent object overwrites with conditional writes").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { objectExists, startEmulatedBucket } from './test-fixtures/emulated-bucket.ts';

const HOUR_AGO = new Date(Date.now() - 3_600_000);
const WRONG_ETAG = '"00000000000000000000000000000000"';

async function setUp(t: TestContext) {
  const { client, bucket } = await startEmulatedBucket(t, 'conditional');
  const bytes = randomBytes(1024);
  const put = await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'docs/photo one.png', Body: bytes }));
  return { client, bucket, key: 'docs/photo one.png', bytes, etag: put.ETag ?? '' };
}

/** The status and S3 error fields of a failed call (the SDK copies the XML's elements onto the error). */
async function failure(call: Promise<unknown>): Promise<{ status?: number; code?: string; condition?: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name?: string; Code?: string; Condition?: string; $metadata?: { httpStatusCode?: number } };
    return { status: e.$metadata?.httpStatusCode, code: e.Code ?? e.name, condition: e.Condition };
  }
  assert.fail('expected the call to fail');
}

const exists = objectExists;

test('GetObject If-Match: the current ETag (quoted or not) is 200, another is 412 PreconditionFailed with Condition If-Match', async (t) => {
  const { client, bucket, key, bytes, etag } = await setUp(t);
  const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: etag }));
  assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), bytes);
  const unquoted = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: etag.replace(/"/g, '') }));
  assert.equal(unquoted.$metadata.httpStatusCode, 200);
  await unquoted.Body?.transformToByteArray();
  assert.deepEqual(await failure(client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: WRONG_ETAG }))), {
    status: 412,
    code: 'PreconditionFailed',
    condition: 'If-Match',
  });
});

test('GetObject If-Unmodified-Since in the past is 412; with a true If-Match it is 200 (S3: If-Match true + If-Unmodified-Since false → 200)', async (t) => {
  const { client, bucket, key, etag } = await setUp(t);
  assert.deepEqual(await failure(client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfUnmodifiedSince: HOUR_AGO }))), {
    status: 412,
    code: 'PreconditionFailed',
    condition: 'If-Unmodified-Since',
  });
  const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: etag, IfUnmodifiedSince: HOUR_AGO }));
  assert.equal(got.$metadata.httpStatusCode, 200);
  await got.Body?.transformToByteArray();
});

test('GetObject If-None-Match of the ETag is 304; a true If-None-Match decides over a false If-Modified-Since (200)', async (t) => {
  const { client, bucket, key, etag } = await setUp(t);
  assert.equal((await failure(client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfNoneMatch: etag })))).status, 304);
  assert.equal((await failure(client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfModifiedSince: new Date() })))).status, 304);
  const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfNoneMatch: WRONG_ETAG, IfModifiedSince: new Date() }));
  assert.equal(got.$metadata.httpStatusCode, 200, 's3rver alone answers 304 here');
  await got.Body?.transformToByteArray();
});

test('HeadObject: If-Match right is 200, wrong is 412 (no body); If-Unmodified-Since in the past is 412; If-None-Match of the ETag is 304', async (t) => {
  const { client, bucket, key, etag } = await setUp(t);
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, IfMatch: etag }));
  assert.equal(head.ETag, etag);
  assert.equal((await failure(client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, IfMatch: WRONG_ETAG })))).status, 412);
  assert.equal((await failure(client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, IfUnmodifiedSince: HOUR_AGO })))).status, 412);
  assert.equal((await failure(client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, IfNoneMatch: etag })))).status, 304);
});

test('ranged GetObject with If-Match (Range: bytes=0-255) is 206 with 256 bytes; a stale ETag is 412', async (t) => {
  const { client, bucket, key, bytes, etag } = await setUp(t);
  const part = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=0-255', IfMatch: etag }));
  assert.equal(part.$metadata.httpStatusCode, 206);
  assert.deepEqual(Buffer.from(await part.Body!.transformToByteArray()), bytes.subarray(0, 256));
  assert.equal(
    (await failure(client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=0-255', IfMatch: WRONG_ETAG })))).status,
    412,
  );
});

// The front leaves a missing object to s3rver; S3's documentation does not say
// whether If-Match on a missing key is 404 or 412 for GetObject.
test('GetObject of a missing key with If-Match stays 404 NoSuchKey', async (t) => {
  const { client, bucket } = await setUp(t);
  assert.deepEqual(await failure(client.send(new GetObjectCommand({ Bucket: bucket, Key: 'absent.png', IfMatch: WRONG_ETAG }))), {
    status: 404,
    code: 'NoSuchKey',
    condition: undefined,
  });
});

test('CopyObject CopySourceIfMatch: right copies, wrong is 412 and writes nothing; CopySourceIfNoneMatch of the ETag is 412', async (t) => {
  const { client, bucket, key, bytes, etag } = await setUp(t);
  const source = `${bucket}/${encodeURIComponent(key)}`;
  const copied = await client.send(
    new CopyObjectCommand({ Bucket: bucket, Key: 'copies/ok.png', CopySource: source, CopySourceIfMatch: etag }),
  );
  assert.equal(copied.CopyObjectResult?.ETag, etag);
  const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'copies/ok.png' }));
  assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), bytes);

  assert.deepEqual(
    await failure(
      client.send(new CopyObjectCommand({ Bucket: bucket, Key: 'copies/stale.png', CopySource: source, CopySourceIfMatch: WRONG_ETAG })),
    ),
    { status: 412, code: 'PreconditionFailed', condition: 'x-amz-copy-source-If-Match' },
  );
  assert.equal(await exists(client, bucket, 'copies/stale.png'), false);

  assert.deepEqual(
    await failure(
      client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: 'copies/same.png',
          CopySource: `/${source}?versionId=null`,
          CopySourceIfNoneMatch: etag,
        }),
      ),
    ),
    { status: 412, code: 'PreconditionFailed', condition: 'x-amz-copy-source-If-None-Match' },
  );
  assert.equal(await exists(client, bucket, 'copies/same.png'), false);
});

test('CopyObject: if-match true + if-unmodified-since false copies; if-unmodified-since alone in the past is 412 (S3 CopyObject precedence)', async (t) => {
  const { client, bucket, key, etag } = await setUp(t);
  const source = `${bucket}/${encodeURIComponent(key)}`;
  await client.send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: 'copies/a.png',
      CopySource: source,
      CopySourceIfMatch: etag,
      CopySourceIfUnmodifiedSince: HOUR_AGO,
    }),
  );
  assert.equal(await exists(client, bucket, 'copies/a.png'), true);
  assert.equal(
    (
      await failure(
        client.send(
          new CopyObjectCommand({ Bucket: bucket, Key: 'copies/b.png', CopySource: source, CopySourceIfUnmodifiedSince: HOUR_AGO }),
        ),
      )
    ).status,
    412,
  );
  assert.equal(await exists(client, bucket, 'copies/b.png'), false);
});

test('CopyObject IfNoneMatch * onto an existing destination is 412 PreconditionFailed (conditional writes)', async (t) => {
  const { client, bucket, key } = await setUp(t);
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'taken.png', Body: 'x' }));
  assert.deepEqual(
    await failure(
      client.send(
        new CopyObjectCommand({ Bucket: bucket, Key: 'taken.png', CopySource: `${bucket}/${encodeURIComponent(key)}`, IfNoneMatch: '*' }),
      ),
    ),
    { status: 412, code: 'PreconditionFailed', condition: 'If-None-Match' },
  );
});

test('PutObject IfNoneMatch *: an existing key is 412 and keeps its bytes; a new key is 200', async (t) => {
  const { client, bucket, key, bytes } = await setUp(t);
  assert.deepEqual(await failure(client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'overwrite', IfNoneMatch: '*' }))), {
    status: 412,
    code: 'PreconditionFailed',
    condition: 'If-None-Match',
  });
  const kept = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  assert.deepEqual(Buffer.from(await kept.Body!.transformToByteArray()), bytes);
  const created = await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'fresh.png', Body: 'new', IfNoneMatch: '*' }));
  assert.equal(created.$metadata.httpStatusCode, 200);
});

test('PutObject IfMatch: a wrong ETag is 412, the current one writes, a missing key is 404 NoSuchKey', async (t) => {
  const { client, bucket, key, etag } = await setUp(t);
  assert.deepEqual(await failure(client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v2', IfMatch: WRONG_ETAG }))), {
    status: 412,
    code: 'PreconditionFailed',
    condition: 'If-Match',
  });
  const written = await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v2', IfMatch: etag }));
  assert.notEqual(written.ETag, etag);
  assert.deepEqual(await failure(client.send(new PutObjectCommand({ Bucket: bucket, Key: 'absent.png', Body: 'v1', IfMatch: etag }))), {
    status: 404,
    code: 'NoSuchKey',
    condition: undefined,
  });
  assert.equal(await exists(client, bucket, 'absent.png'), false);
});

test('CompleteMultipartUpload IfNoneMatch * onto an existing key is 412; onto a new key it completes', async (t) => {
  const { client, bucket, key, bytes } = await setUp(t);
  async function upload(target: string) {
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: target }));
    const { ETag } = await client.send(new UploadPartCommand({ Bucket: bucket, Key: target, UploadId, PartNumber: 1, Body: 'part' }));
    return client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: target,
        UploadId,
        IfNoneMatch: '*',
        MultipartUpload: { Parts: [{ ETag, PartNumber: 1 }] },
      }),
    );
  }
  assert.deepEqual(await failure(upload(key)), { status: 412, code: 'PreconditionFailed', condition: 'If-None-Match' });
  const kept = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  assert.deepEqual(Buffer.from(await kept.Body!.transformToByteArray()), bytes);
  assert.equal((await upload('multipart-new.bin')).$metadata.httpStatusCode, 200);
});
