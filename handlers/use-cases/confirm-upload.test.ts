// Against real emulators: dynalite for the table, s3rver for the bucket, the
// stores built on SDK clients exactly as a function builds them at cold start.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTable } from '../../server/dynamodb/create-table.ts';
import { startDynamoDb } from '../../server/dynamodb/start-dynamodb.ts';
import { localClientConfig } from '../../server/local-aws.ts';
import { createBucket } from '../../server/s3/create-bucket.ts';
import { startS3 } from '../../server/s3/start-s3.ts';
import { openBucket } from '../data/bucket.ts';
import type { StoredEvidence } from '../data/evidence-item.ts';
import { createEvidenceObjects } from '../data/evidence-objects.ts';
import { createEvidenceReads } from '../data/evidence-reads.ts';
import { createEvidenceWrites } from '../data/evidence-writes.ts';
import { openTable } from '../data/table.ts';
import { keys } from '../data/table-keys.ts';
import { systemClock } from '../domain/clock.ts';
import { EvidenceNotFound } from '../domain/dispute-errors.ts';
import {
  confirmStagedUpload,
  confirmUpload as confirm,
  confirmUploadFromInspection as confirmInspection,
  type ConfirmationDependencies,
} from './confirm-upload.ts';
import { SAMPLE_TABLE_FILE, SAMPLE_BUCKET_FILE } from '../../server/test-fixtures/sample-definitions.ts';

const DISPUTE = 7;
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x20)]);
const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(3000)]);

let stops: (() => Promise<void>)[] = [];
let s3: S3Client;
let documents: DynamoDBDocumentClient;
let bucketName: string;
let tableName: string;
let deps: ConfirmationDependencies;

before(async () => {
  const [dynamo, storage] = await Promise.all([startDynamoDb({}), startS3({})]);
  stops = [() => dynamo.stop(), () => storage.stop()];
  ({ tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'confirm', file: SAMPLE_TABLE_FILE }));
  ({ bucketName } = await createBucket({ endpoint: storage.endpoint, stage: 'confirm', file: SAMPLE_BUCKET_FILE }));
  s3 = new S3Client(localClientConfig(storage.endpoint));
  const dynamoClient = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  documents = DynamoDBDocumentClient.from(dynamoClient);
  const table = openTable(tableName, dynamoClient);
  const bucket = openBucket(bucketName, s3);
  deps = {
    evidence: createEvidenceReads(table),
    evidenceWrites: createEvidenceWrites(table),
    objects: createEvidenceObjects(bucket),
    clock: systemClock,
  };
});

after(async () => {
  s3.destroy();
  documents.destroy();
  for (const stop of stops) await stop();
});

const confirmUpload = (disputeId: number, item: StoredEvidence) => confirm(deps, disputeId, item);
const confirmUploadFromInspection = (disputeId: number, item: StoredEvidence, inspection: Parameters<typeof confirmInspection>[3]) =>
  confirmInspection(deps, disputeId, item, inspection);
const inspectEvidenceObject = (key: string) => deps.objects.inspect(key);

let nextId = 1;

async function pendingItem(options: { contentType?: StoredEvidence['content_type']; createdAt?: string; object?: Buffer } = {}) {
  const id = nextId++;
  const item: StoredEvidence = {
    id,
    file_name: 'scan.pdf',
    content_type: options.contentType ?? 'application/pdf',
    size: 99,
    description: null,
    status: 'pending',
    s3_key: `disputes/${DISPUTE}/evidence/${id}/scan.pdf`,
    upload_key: `uploads/disputes/${DISPUTE}/${id}/scan.pdf`,
    uploaded_by: { id: 1, name: 'A', avatar: null, role: 'client' },
    created_at: options.createdAt ?? new Date().toISOString(),
  };
  await documents.send(new PutCommand({ TableName: tableName, Item: { ...keys.evidence(DISPUTE, id), ...item } }));
  if (options.object) await upload(item, options.object);
  return item;
}

/** What the client's presigned POST does: (re)writes the staging key. */
async function upload(item: StoredEvidence, body: Buffer) {
  await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: item.upload_key, Body: body, ContentType: item.content_type }));
}

async function served(item: StoredEvidence): Promise<Buffer> {
  const got = await s3.send(new GetObjectCommand({ Bucket: bucketName, Key: item.s3_key }));
  return Buffer.from(await got.Body!.transformToByteArray());
}

const storedStatus = async (item: StoredEvidence) =>
  (await documents.send(new GetCommand({ TableName: tableName, Key: keys.evidence(DISPUTE, item.id), ConsistentRead: true }))).Item;

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucketName, Key: key }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'NotFound') return false;
    throw error;
  }
}

test('a staged key finds its item; a key no item stages is EvidenceNotFound', async () => {
  const item = await pendingItem({ object: PDF });
  assert.equal((await confirmStagedUpload(deps, String(item.upload_key))).status, 'uploaded');
  await assert.rejects(confirmStagedUpload(deps, `uploads/disputes/${DISPUTE}/9999/scan.pdf`), EvidenceNotFound);
  await assert.rejects(confirmStagedUpload(deps, item.s3_key), EvidenceNotFound);
});

test('no object yet, within the upload window: stays pending, nothing written', async () => {
  const item = await pendingItem();
  assert.equal((await confirmUpload(DISPUTE, item)).status, 'pending');
  assert.equal((await storedStatus(item))?.['status'], 'pending');
  assert.equal((await storedStatus(item))?.['settled_at'], undefined);
});

test('an object of the declared type: uploaded once, with its real size, copied to the served key', async () => {
  const item = await pendingItem({ object: PDF });
  const confirmed = await confirmUpload(DISPUTE, item);
  assert.equal(confirmed.status, 'uploaded');
  assert.equal(confirmed.size, PDF.length);
  assert.equal((await storedStatus(item))?.['size'], PDF.length);
  assert.match(String((await storedStatus(item))?.['checked_etag']), /^"[0-9a-f]{32}"$/);
  // A duplicate delivery holding the stale pending copy agrees with the stored verdict.
  const again = await confirmUpload(DISPUTE, item);
  assert.deepEqual(again, confirmed);
  assert.deepEqual(await served(item), PDF);
  assert.equal(await objectExists(item.upload_key!), false);
});

test('an .exe declared as PDF: rejected, its upload deleted, nothing ever served', async () => {
  const item = await pendingItem({ object: EXE });
  const verdict = await confirmUpload(DISPUTE, item);
  assert.equal(verdict.status, 'rejected');
  assert.equal(verdict.rejection_reason, 'content_type_mismatch');
  assert.equal(await objectExists(item.upload_key!), false);
  assert.equal(await objectExists(item.s3_key), false);
});

test('an upload replaced after it was judged is not copied: pending, then the new bytes are judged', async () => {
  const item = await pendingItem({ object: PDF });
  const inspection = await inspectEvidenceObject(item.upload_key!);
  assert.equal(inspection.state, 'found');
  await upload(item, EXE);
  // The copy is pinned to the judged ETag: S3 refuses it (412), nothing reaches the served key.
  const stale = await confirmUploadFromInspection(DISPUTE, item, inspection);
  assert.equal(stale.status, 'pending');
  assert.equal((await storedStatus(item))?.['status'], 'pending');
  assert.equal(await objectExists(item.s3_key), false);
  assert.equal((await confirmUpload(DISPUTE, item)).status, 'rejected');
  assert.equal(await objectExists(item.s3_key), false);
});

test('replaced by another valid file after the inspection: only the version judged last is served', async () => {
  const item = await pendingItem({ object: PDF });
  const inspection = await inspectEvidenceObject(item.upload_key!);
  const other = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(500, 0x41)]);
  await upload(item, other);
  assert.equal((await confirmUploadFromInspection(DISPUTE, item, inspection)).status, 'pending');
  const confirmed = await confirmUpload(DISPUTE, item);
  assert.equal(confirmed.status, 'uploaded');
  assert.equal(confirmed.size, other.length);
  assert.deepEqual(await served(item), other);
});

test('a new upload after the item was uploaded is never looked at or served', async () => {
  const item = await pendingItem({ object: PDF });
  assert.equal((await confirmUpload(DISPUTE, item)).status, 'uploaded');
  const otherPdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(700, 0x42)]);
  for (const body of [EXE, otherPdf]) {
    await upload(item, body);
    // Even a delivery still holding the pending copy from before the settlement.
    const seen = await confirmUpload(DISPUTE, item);
    assert.equal(seen.status, 'uploaded');
    assert.equal(seen.size, PDF.length);
    assert.deepEqual(await served(item), PDF);
  }
});

test('a crash after the copy, before the settlement: pending, file_url-less, and finished by the next notification', async () => {
  const item = await pendingItem({ object: PDF });
  // As if a confirmation copied the checked bytes and stopped there.
  await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: item.s3_key, Body: PDF, ContentType: item.content_type }));
  assert.equal((await storedStatus(item))?.['status'], 'pending');
  await upload(item, EXE);
  // The replacement is judged on its own; the earlier copy is never served for a rejected item.
  assert.equal((await confirmUpload(DISPUTE, item)).status, 'rejected');
});

test('a PNG declared as JPEG is rejected too', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const item = await pendingItem({ contentType: 'image/jpeg', object: png });
  assert.equal((await confirmUpload(DISPUTE, item)).status, 'rejected');
});

test('concurrent deliveries of the notification settle an item once and agree', async () => {
  const good = await pendingItem({ object: PDF });
  const bad = await pendingItem({ object: EXE });
  const goodViews = await Promise.all(Array.from({ length: 6 }, () => confirmUpload(DISPUTE, good)));
  const badViews = await Promise.all(Array.from({ length: 6 }, () => confirmUpload(DISPUTE, bad)));
  assert.deepEqual(new Set(goodViews.map((view) => view.status)), new Set(['uploaded']));
  assert.deepEqual(new Set(badViews.map((view) => view.status)), new Set(['rejected']));
  assert.equal(new Set(goodViews.map((view) => view.settled_at)).size, 1);
});

test('no object once the POST policy (plus margin) has expired: rejected as never uploaded', async () => {
  const item = await pendingItem({ createdAt: new Date(Date.now() - 60 * 60 * 1000).toISOString() });
  const verdict = await confirmUpload(DISPUTE, item);
  assert.equal(verdict.status, 'rejected');
  assert.equal(verdict.rejection_reason, 'upload_expired');
  // An object that did arrive in time is still judged on its content, however late its notification is handled.
  const late = await pendingItem({ createdAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(), object: PDF });
  assert.equal((await confirmUpload(DISPUTE, late)).status, 'uploaded');
});

test('a settled item is returned as it is', async () => {
  const item = { ...(await pendingItem()), status: 'uploaded' as const };
  assert.deepEqual(await confirmUpload(DISPUTE, item), item);
});

test('a bad upload replaced by a good one after its inspection is not rejected: the good one is judged on its own', async () => {
  const item = await pendingItem({ object: EXE });
  const inspection = await inspectEvidenceObject(item.upload_key!);
  await upload(item, PDF);
  // The stale verdict would reject and delete the staging object, which now holds the good file.
  assert.equal((await confirmUploadFromInspection(DISPUTE, item, inspection)).status, 'pending');
  assert.equal(await objectExists(item.upload_key!), true);
  const confirmed = await confirmUpload(DISPUTE, item);
  assert.equal(confirmed.status, 'uploaded');
  assert.deepEqual(await served(item), PDF);
});
