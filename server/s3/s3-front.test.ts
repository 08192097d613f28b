// The verifying front against the real SDK v3 and its presigners. Expected
// codes and statuses follow "Error responses" (S3 API Reference),
// "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)",
// "POST Policy" and "Browser-Based Uploads Using POST".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { TestContext } from 'node:test';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { LOCAL_REGION, LOCAL_SESSION_TOKEN } from '../local-aws.ts';
import { objectExists, startEmulatedBucket } from './test-fixtures/emulated-bucket.ts';

const MAX = 10_485_760;

function setUp(t: TestContext) {
  return startEmulatedBucket(t, 'front');
}

function errorOf(xml: string): { code?: string; message?: string; elements: Record<string, string> } {
  const elements = Object.fromEntries([...xml.matchAll(/<(\w[\w-]*)>([^<]*)<\/\1>/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
  return { code: elements['Code'], message: elements['Message'], elements };
}

const exists = objectExists;

/** The evidence policy of handlers/data/evidence-objects.ts: exact key and type, 1 B..10 MB, 10 minutes. */
async function evidencePost(client: S3Client, bucket: string, key: string, expires = 600) {
  return createPresignedPost(client, {
    Bucket: bucket,
    Key: key,
    Fields: { 'Content-Type': 'image/png' },
    Conditions: [
      ['content-length-range', 1, MAX],
      ['eq', '$Content-Type', 'image/png'],
      ['eq', '$key', key],
    ],
    Expires: expires,
  });
}

async function post(url: string, fields: Record<string, string>, content: Uint8Array): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([Buffer.from(content)], { type: 'image/png' }), 'photo.png');
  return fetch(url, { method: 'POST', body: form });
}

test("the SDK's own calls work through the front: create, put (buffer and stream), get, head, list, delete", async (t) => {
  const { client, bucket } = await setUp(t);
  await client.send(new CreateBucketCommand({ Bucket: 'another-bucket' }));
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'a b/c+d.txt', Body: 'hello', ContentType: 'text/plain' }));
  // A stream makes the SDK send aws-chunked STREAMING-UNSIGNED-PAYLOAD-TRAILER with a CRC32 trailer.
  const bytes = randomBytes(300_000);
  await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: 'streamed.bin',
      Body: Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]),
      ContentLength: bytes.length,
    }),
  );

  const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'a b/c+d.txt' }));
  assert.equal(await got.Body?.transformToString(), 'hello');
  const streamed = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'streamed.bin' }));
  assert.deepEqual(Buffer.from(await streamed.Body!.transformToByteArray()), bytes, 'stored without the chunk framing');
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: 'streamed.bin' }));
  assert.equal(head.ContentLength, bytes.length);
  const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'a b/' }));
  assert.deepEqual(
    listed.Contents?.map((item) => item.Key),
    ['a b/c+d.txt'],
  );
  await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'a b/c+d.txt' }));
  assert.equal(await exists(client, bucket, 'a b/c+d.txt'), false);
});

test('a presigned GET returns the bytes; a tampered signature is 403 SignatureDoesNotMatch', async (t) => {
  const { client, bucket } = await setUp(t);
  const bytes = randomBytes(1024);
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'doc.pdf', Body: bytes }));
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: 'doc.pdf' }), { expiresIn: 60 });
  const ok = await fetch(url);
  assert.equal(ok.status, 200);
  assert.deepEqual(Buffer.from(await ok.arrayBuffer()), bytes);

  const signature = /X-Amz-Signature=([0-9a-f]+)/.exec(url)?.[1] ?? '';
  const flipped = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
  const tampered = await fetch(url.replace(signature, flipped));
  assert.equal(tampered.status, 403);
  assert.equal(errorOf(await tampered.text()).code, 'SignatureDoesNotMatch');

  const otherKey = await fetch(url.replace('doc.pdf', 'other.pdf'));
  assert.equal(otherKey.status, 403);
  assert.equal(errorOf(await otherKey.text()).code, 'SignatureDoesNotMatch');
});

test('an expired presigned URL is 403 AccessDenied "Request has expired"; X-Amz-Expires over 604800 is refused', async (t) => {
  const { client, bucket } = await setUp(t);
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'old.txt', Body: 'x' }));
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: 'old.txt' }), {
    expiresIn: 1,
    signingDate: new Date(Date.now() - 60_000),
  });
  const response = await fetch(url);
  assert.equal(response.status, 403);
  const error = errorOf(await response.text());
  assert.equal(error.code, 'AccessDenied');
  assert.equal(error.message, 'Request has expired');
  assert.equal(error.elements['X-Amz-Expires'], '1');

  const week = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: 'old.txt' }), { expiresIn: 604_800 });
  assert.equal((await fetch(week)).status, 200);
  const tooLong = await fetch(week.replace('X-Amz-Expires=604800', 'X-Amz-Expires=604801'));
  assert.equal(tooLong.status, 400);
  assert.equal(errorOf(await tooLong.text()).code, 'AuthorizationQueryParametersError');
});

test('anonymous requests are 403 AccessDenied; an unknown key is InvalidAccessKeyId; a wrong secret is SignatureDoesNotMatch', async (t) => {
  const { s3, client, bucket } = await setUp(t);
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'private.txt', Body: 'secret' }));
  for (const url of [`${s3.endpoint}/${bucket}/private.txt`, `${s3.endpoint}/${bucket}`, `${s3.endpoint}/`]) {
    const anonymous = await fetch(url);
    assert.equal(anonymous.status, 403, url);
    assert.equal(errorOf(await anonymous.text()).code, 'AccessDenied');
  }
  const anonymousPut = await fetch(`${s3.endpoint}/${bucket}/planted.txt`, { method: 'PUT', body: 'x' });
  assert.equal(anonymousPut.status, 403);
  assert.equal(await exists(client, bucket, 'planted.txt'), false);

  const unknown = new S3Client({
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'local' },
    endpoint: s3.endpoint,
  });
  const wrongSecret = new S3Client({
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'nope' },
    endpoint: s3.endpoint,
  });
  t.after(() => {
    unknown.destroy();
    wrongSecret.destroy();
  });
  await assert.rejects(unknown.send(new GetObjectCommand({ Bucket: bucket, Key: 'private.txt' })), { name: 'InvalidAccessKeyId' });
  await assert.rejects(wrongSecret.send(new PutObjectCommand({ Bucket: bucket, Key: 'private.txt', Body: 'overwritten' })), {
    name: 'SignatureDoesNotMatch',
  });
  const kept = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'private.txt' }));
  assert.equal(await kept.Body?.transformToString(), 'secret');
});

test('presigned POST: a 10 MB (10485760 B) file is stored byte for byte; 11 MB is 400 EntityTooLarge and nothing is stored', async (t) => {
  const { client, bucket } = await setUp(t);
  const key = 'disputes/1/evidence/1/photo.png';
  const { url, fields } = await evidencePost(client, bucket, key);
  const content = randomBytes(MAX);
  const accepted = await post(url, fields, content);
  assert.equal(accepted.status, 204);
  assert.ok(accepted.headers.get('etag'));
  const stored = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  assert.equal(stored.ContentType, 'image/png');
  assert.ok(Buffer.from(await stored.Body!.transformToByteArray()).equals(content));

  const bigKey = 'disputes/1/evidence/2/big.png';
  const big = await evidencePost(client, bucket, bigKey);
  const refused = await post(big.url, big.fields, randomBytes(11 * 1024 * 1024));
  assert.equal(refused.status, 400);
  const error = errorOf(await refused.text());
  assert.equal(error.code, 'EntityTooLarge');
  assert.equal(error.elements['MaxSizeAllowed'], String(MAX));
  assert.equal(error.elements['ProposedSize'], String(11 * 1024 * 1024));
  assert.equal(await exists(client, bucket, bigKey), false);
});

test('presigned POST refusals: empty file, wrong Content-Type, other key, extra field, expired or tampered policy', async (t) => {
  const { client, bucket } = await setUp(t);
  const key = 'disputes/2/evidence/1/scan.png';
  const { url, fields } = await evidencePost(client, bucket, key);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  const expired = await evidencePost(client, bucket, key, -60);
  const tamperedPolicy = Buffer.from(
    Buffer.from(fields['Policy'] ?? '', 'base64')
      .toString('utf8')
      .replace(String(MAX), String(100 * MAX)),
  ).toString('base64');
  const signature = fields['X-Amz-Signature'] ?? '';

  const cases: Array<[string, Record<string, string>, Uint8Array, number, string]> = [
    ['empty file', fields, new Uint8Array(0), 400, 'EntityTooSmall'],
    ['wrong Content-Type', { ...fields, 'Content-Type': 'text/html' }, png, 403, 'AccessDenied'],
    ['different key', { ...fields, key: 'disputes/2/evidence/1/other.png' }, png, 403, 'AccessDenied'],
    ['extra field', { ...fields, 'x-amz-meta-extra': 'not in the policy' }, png, 403, 'AccessDenied'],
    ['expired policy', expired.fields, png, 403, 'AccessDenied'],
    ['tampered policy', { ...fields, Policy: tamperedPolicy }, png, 403, 'SignatureDoesNotMatch'],
    [
      'tampered signature',
      { ...fields, 'X-Amz-Signature': `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}` },
      png,
      403,
      'SignatureDoesNotMatch',
    ],
    ['no signature at all', { key, 'Content-Type': 'image/png' }, png, 403, 'AccessDenied'],
  ];
  for (const [name, form, content, status, code] of cases) {
    const response = await post(url, form, content);
    assert.equal(response.status, status, name);
    const error = errorOf(await response.text());
    assert.equal(error.code, code, name);
    assert.match(error.elements['RequestId'] ?? '', /^[0-9A-F]{16}$/, name);
  }
  assert.equal((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).KeyCount, 0, 'nothing stored');

  // x-ignore-* fields are exempt from the policy; success_action_status 201 answers with XML.
  const withStatus = await createPresignedPost(client, {
    Bucket: bucket,
    Key: key,
    Fields: { 'Content-Type': 'image/png', success_action_status: '201' },
    Conditions: [['content-length-range', 1, MAX]],
    Expires: 600,
  });
  const created = await post(withStatus.url, { ...withStatus.fields, 'x-ignore-note': 'free' }, png);
  assert.equal(created.status, 201);
  assert.match(await created.text(), /<PostResponse>.*<Key>disputes\/2\/evidence\/1\/scan\.png<\/Key>/);
});

test('a CORS preflight from a browser origin is answered from the bucket rules; actual responses carry them', async (t) => {
  const { s3, client, bucket } = await setUp(t);
  const origin = 'http://localhost:8081';
  const preflight = await fetch(`${s3.endpoint}/${bucket}`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, x-amz-date' },
  });
  assert.equal(preflight.status, 200);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET, PUT, POST, HEAD');
  assert.equal(preflight.headers.get('access-control-allow-headers'), 'content-type, x-amz-date');
  assert.equal(preflight.headers.get('access-control-max-age'), '3000');
  assert.equal(preflight.headers.get('access-control-allow-credentials'), null);

  const refused = await fetch(`${s3.endpoint}/${bucket}/x`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'DELETE' },
  });
  assert.equal(refused.status, 403);
  assert.equal(errorOf(await refused.text()).code, 'AccessForbidden');

  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'shown.png', Body: 'png' }));
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: 'shown.png' }), { expiresIn: 60 });
  const actual = await fetch(url, { headers: { Origin: origin } });
  assert.equal(actual.status, 200);
  assert.equal(actual.headers.get('access-control-allow-origin'), '*');
  assert.equal(actual.headers.get('access-control-expose-headers'), 'ETag');
  // An error a browser must be able to read carries the headers too.
  const denied = await fetch(`${s3.endpoint}/${bucket}/shown.png`, { headers: { Origin: origin } });
  assert.equal(denied.status, 403);
  assert.equal(denied.headers.get('access-control-allow-origin'), '*');
});

// Lambda hands the SDK a role's temporary credentials, so every call and every
// presigned URL or POST carries a session token; S3 answers a token it did not
// issue with 400 InvalidToken ("Error responses", S3 API Reference).
test('a session token is accepted when it is the one issued with the key, refused (InvalidToken) otherwise', async (t) => {
  const { client, bucket, s3 } = await setUp(t);
  const withToken = (sessionToken: string) =>
    new S3Client({
      region: LOCAL_REGION,
      endpoint: s3.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local', sessionToken },
    });
  const good = withToken(LOCAL_SESSION_TOKEN);
  const bad = withToken('forged-token');
  t.after(() => {
    good.destroy();
    bad.destroy();
  });

  await good.send(new PutObjectCommand({ Bucket: bucket, Key: 'token.txt', Body: 'hi' }));
  assert.equal(await (await fetch(await getSignedUrl(good, new GetObjectCommand({ Bucket: bucket, Key: 'token.txt' })))).text(), 'hi');
  const goodPost = await evidencePost(good, bucket, 'token.png');
  assert.equal((await post(goodPost.url, goodPost.fields, new Uint8Array([1, 2, 3]))).status, 204);

  await assert.rejects(
    bad.send(new PutObjectCommand({ Bucket: bucket, Key: 'forged.txt', Body: 'x' })),
    (error: Error) => error.name === 'InvalidToken',
  );
  const presigned = await fetch(await getSignedUrl(bad, new GetObjectCommand({ Bucket: bucket, Key: 'token.txt' })));
  assert.equal(presigned.status, 400);
  assert.equal(errorOf(await presigned.text()).code, 'InvalidToken');
  const badPost = await evidencePost(bad, bucket, 'forged.png');
  const refused = await post(badPost.url, badPost.fields, new Uint8Array([1, 2, 3]));
  assert.equal(refused.status, 400);
  assert.equal(errorOf(await refused.text()).code, 'InvalidToken');
  assert.equal(await exists(client, bucket, 'forged.png'), false);
  assert.equal(await exists(client, bucket, 'forged.txt'), false);
});
