// Objects stored through the S3 front invoke the notified functions
// asynchronously, with the records S3 sends
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html):
// one event name per way of creating the object, the key URL-encoded, only
// keys that pass the filter, and the S3 response never waiting for the function.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { S3Schema } from '@aws-lambda-powertools/parser/schemas/s3';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import type { S3Notification } from '../../contract-core/s3-notifications.ts';
import { createAsyncInvoker, type AsyncInvoker } from '../lambda/async-invoke.ts';
import { createFunctionRuntime, type FunctionRuntime } from '../lambda/function-runtime.ts';
import { buildFixtures, type BuiltFixtures } from '../lambda/test-fixtures/built-fixtures.ts';
import { eventually } from '../lambda/test-fixtures/eventually.ts';
import { LOCAL_REGION } from '../local-aws.ts';
import { createBucketNotifications, type BucketNotifications } from './bucket-notifications.ts';
import { startEmulatedBucket } from './test-fixtures/emulated-bucket.ts';

const work = mkdtempSync(path.join(tmpdir(), 'bucket-notifications-'));
const RECORD_FILE = path.join(work, 'events.jsonl');
const RELEASE_FILE = path.join(work, 'release');
const lines: string[] = [];
let fixtures: BuiltFixtures;
let runtime: FunctionRuntime;

const binding = (functionName: string) => ({
  functionName,
  functionNameTemplate: functionName,
  handler: 'x.handler',
  handlerFile: '',
  handlerExport: 'handler',
  zip: `${functionName}.zip`,
  memorySize: 256,
  timeoutSeconds: 30,
  runtime: 'nodejs22.x' as const,
});
const NOTIFICATIONS: S3Notification[] = [
  { id: 'records', lambda: binding('fn-records'), events: ['s3:ObjectCreated:*'], filterPrefix: 'uploads/', filterSuffix: '' },
  { id: 'slow', lambda: binding('fn-waits'), events: ['s3:ObjectCreated:Put'], filterPrefix: 'slow/', filterSuffix: '' },
];

before(async () => {
  fixtures = await buildFixtures([
    { name: 'fn-records', handler: 'records-event.handler' },
    { name: 'fn-waits', handler: 'waits-for-release.handler', timeoutSeconds: 30 },
  ]);
  runtime = createFunctionRuntime({
    functions: fixtures.functions,
    code: fixtures.code,
    environment: { RECORD_FILE, RELEASE_FILE },
    log: (line) => lines.push(line),
  });
});
after(async () => {
  await runtime.dispose();
  fixtures.remove();
  rmSync(work, { recursive: true, force: true });
});

interface Invocation {
  functionName: string;
  event: S3Event;
  requestId: string;
}

/** A bucket whose stored objects go through the notifications to the fixtures; what the front asked about and what was invoked are kept. */
async function notifyingBucket(t: TestContext) {
  const asked: string[] = [];
  const invoked: Invocation[] = [];
  let notifications: BucketNotifications | undefined;
  const emulated = await startEmulatedBucket(t, 'notify', {
    objectCreated: {
      wants: (bucket, key, way) => {
        asked.push(`${way} ${key}`);
        return notifications?.wants(bucket, key, way) ?? false;
      },
      objectCreated: (created) => notifications?.objectCreated(created),
    },
  });
  const invoker: AsyncInvoker = createAsyncInvoker({ runtime, log: (line) => lines.push(line) });
  t.after(() => invoker.dispose());
  notifications = createBucketNotifications({
    bucket: emulated.bucket,
    notifications: NOTIFICATIONS,
    region: LOCAL_REGION,
    invoker: {
      invoke(functionName, event) {
        const requestId = invoker.invoke(functionName, event);
        invoked.push({ functionName, event: event as S3Event, requestId });
        return requestId;
      },
    },
  });
  return { ...emulated, asked, invoked };
}

/** Records the records-event fixture has received so far. */
function received(): S3EventRecord[] {
  if (!existsSync(RECORD_FILE)) return [];
  return readFileSync(RECORD_FILE, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .flatMap((line) => (JSON.parse(line) as S3Event).Records);
}

const receivedFor = (encodedKey: string) => () => received().find((record) => record.s3.object.key === encodedKey);

test("a presigned POST upload invokes the function with an ObjectCreated:Post record in S3's format, key URL-encoded", async (t) => {
  const { client, bucket } = await notifyingBucket(t);
  const key = 'uploads/disputes/7/3/фото evidence 1.jpg';
  const content = Buffer.from('\xff\xd8\xff\xe0 a small jpeg', 'latin1');
  const { url, fields } = await createPresignedPost(client, {
    Bucket: bucket,
    Key: key,
    Fields: { 'Content-Type': 'image/jpeg' },
    Expires: 600,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([content], { type: 'image/jpeg' }), 'photo.jpg');
  const response = await fetch(url, { method: 'POST', body: form });
  assert.equal(response.status, 204);

  const record = await eventually(
    receivedFor('uploads/disputes/7/3/%D1%84%D0%BE%D1%82%D0%BE+evidence+1.jpg'),
    'the function received the record',
  );
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  assert.ok(S3Schema.safeParse({ Records: [record] }).success, 'Powertools parses it as an S3 event');
  assert.equal(record.eventVersion, '2.1');
  assert.equal(record.eventSource, 'aws:s3');
  assert.equal(record.awsRegion, LOCAL_REGION);
  assert.equal(record.eventName, 'ObjectCreated:Post');
  assert.ok(Math.abs(Date.parse(record.eventTime) - Date.now()) < 60_000 && record.eventTime.endsWith('Z'));
  assert.equal(record.requestParameters.sourceIPAddress, '127.0.0.1');
  assert.equal(record.responseElements['x-amz-request-id'], response.headers.get('x-amz-request-id'));
  assert.equal(record.responseElements['x-amz-id-2'], response.headers.get('x-amz-id-2'));
  assert.match(record.userIdentity.principalId, /^AWS:/);
  assert.deepEqual(record.s3.bucket, {
    name: bucket,
    ownerIdentity: { principalId: record.s3.bucket.ownerIdentity.principalId },
    arn: `arn:aws:s3:::${bucket}`,
  });
  assert.equal(record.s3.s3SchemaVersion, '1.0');
  assert.equal(record.s3.configurationId, 'records');
  assert.equal(record.s3.object.size, content.length);
  assert.equal(record.s3.object.eTag, head.ETag?.replaceAll('"', ''), 'the ETag without its quotes');
  assert.match(record.s3.object.sequencer, /^[0-9A-F]{18}$/);
  assert.ok(!('versionId' in record.s3.object), 'the bucket is not versioned');
});

test('each way of creating an object has its event name: Put, Copy, CompleteMultipartUpload', async (t) => {
  const { client, bucket } = await notifyingBucket(t);
  const put = await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'uploads/put one.bin', Body: 'put body' }));
  await client.send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: 'uploads/copy one.bin',
      CopySource: `${bucket}/${encodeURIComponent('uploads/put one.bin')}`,
    }),
  );
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'uploads/multi part.bin' }));
  const { ETag } = await client.send(
    new UploadPartCommand({ Bucket: bucket, Key: 'uploads/multi part.bin', UploadId, PartNumber: 1, Body: 'one part' }),
  );
  const completed = await client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: 'uploads/multi part.bin',
      UploadId,
      MultipartUpload: { Parts: [{ ETag, PartNumber: 1 }] },
    }),
  );

  const putRecord = await eventually(receivedFor('uploads/put+one.bin'), 'the Put record');
  assert.equal(putRecord.eventName, 'ObjectCreated:Put');
  assert.equal(putRecord.s3.object.size, 'put body'.length);
  assert.equal(putRecord.s3.object.eTag, put.ETag?.replaceAll('"', ''));
  assert.equal(putRecord.responseElements['x-amz-request-id'], put.$metadata.requestId);
  assert.equal(putRecord.responseElements['x-amz-id-2'], put.$metadata.extendedRequestId);
  const copyRecord = await eventually(receivedFor('uploads/copy+one.bin'), 'the Copy record');
  assert.equal(copyRecord.eventName, 'ObjectCreated:Copy');
  assert.equal(copyRecord.s3.object.size, 'put body'.length);
  const multipartRecord = await eventually(receivedFor('uploads/multi+part.bin'), 'the CompleteMultipartUpload record');
  assert.equal(multipartRecord.eventName, 'ObjectCreated:CompleteMultipartUpload');
  assert.equal(multipartRecord.s3.object.size, 'one part'.length);
  assert.equal(multipartRecord.s3.object.eTag, completed.ETag?.replaceAll('"', ''));
  assert.ok(
    BigInt(`0x${copyRecord.s3.object.sequencer}`) > BigInt(`0x${putRecord.s3.object.sequencer}`),
    'later writes have larger sequencers',
  );
});

test('an object outside the filter prefix invokes nothing; neither do UploadPart or a failed write', async (t) => {
  const { client, bucket, asked, invoked } = await notifyingBucket(t);
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'disputes/1/evidence/2/photo.jpg', Body: 'served copy' }));
  await assert.rejects(client.send(new PutObjectCommand({ Bucket: bucket, Key: 'uploads/refused.bin', Body: 'x', IfMatch: '"0"' })));
  // Stored after the others: once its record arrives, theirs would have been invoked already.
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'uploads/marker.bin', Body: 'marker' }));
  await eventually(receivedFor('uploads/marker.bin'), 'the marker record');
  assert.deepEqual(
    asked,
    ['Put disputes/1/evidence/2/photo.jpg', 'Put uploads/marker.bin'],
    'the front reported both stored objects, and not the refused write',
  );
  assert.deepEqual(
    invoked.map((invocation) => invocation.event.Records[0]!.s3.object.key),
    ['uploads/marker.bin'],
    'only the one under uploads/ invoked the function',
  );
});

test('the S3 response returns while the function is still running; the function then finishes on its own', async (t) => {
  const { client, bucket, invoked } = await notifyingBucket(t);
  rmSync(RELEASE_FILE, { force: true });
  // The function cannot finish before RELEASE_FILE exists, and that is written only once the response is in.
  const response = await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'slow/object.bin', Body: 'slow' }));
  assert.equal(response.$metadata.httpStatusCode, 200);
  const invocation = await eventually(() => invoked.find((entry) => entry.functionName === 'fn-waits'), 'the function was invoked');
  assert.ok(!lines.some((line) => line.includes(`END RequestId: ${invocation.requestId}`)), 'the function has not finished');
  writeFileSync(RELEASE_FILE, '');
  await eventually(() => lines.some((line) => line.includes(`END RequestId: ${invocation.requestId}`)), 'the function finished');
  assert.ok(
    lines.some((line) => line.startsWith('[fn-waits] REPORT RequestId: ')),
    'an asynchronous invocation logs START/END/REPORT like any other',
  );
});
