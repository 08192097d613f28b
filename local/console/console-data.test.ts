// The console's data routes (the engine's tables, buckets and reset, and this
// module's Disputes view) against real emulators (dynalite, s3rver), mounted
// as the emulator mounts them, with a dispute, its messages and evidence
// written by the functions' own use cases.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import Fastify, { type FastifyInstance } from 'fastify';
import { openBucket } from '../../handlers/data/bucket.ts';
import { createEvidenceObjects } from '../../handlers/data/evidence-objects.ts';
import { openTable } from '../../handlers/data/table.ts';
import { keys } from '../../handlers/data/table-keys.ts';
import type { Caller } from '../../handlers/domain/dispute.ts';
import { ADAM, ALICE, BOB, CAROL, MARIA } from '../../handlers/domain/dispute-fixtures.ts';
import { openDispute } from '../../handlers/domain/new-dispute.ts';
import { registerEvidence, type EvidenceDraft } from '../../handlers/use-cases/register-evidence.ts';
import { sendMessage } from '../../handlers/use-cases/send-message.ts';
import { storesOn } from '../../handlers/use-cases/test-fixtures/emulated-stores.ts';
import { createTable } from '../../server/dynamodb/create-table.ts';
import { startDynamoDb } from '../../server/dynamodb/start-dynamodb.ts';
import { freePort } from '../../test-support/free-port.ts';
import { localClientConfig } from '../../server/local-aws.ts';
import { createBucket } from '../../server/s3/create-bucket.ts';
import { startS3 } from '../../server/s3/start-s3.ts';
import { loadSeedData, profileItem, projectItem, seedTable } from '../seed/seed-table.ts';
import { consoleDataRoutes, type ConsoleDataOptions } from '../../server/console/console-data.ts';
import type { BucketListing, ResetResult, TableItems } from '../../server/console/console-data-types.ts';
import type { ModuleResources } from '../../server/modules/module-plugin.ts';
import type { DisputeDetail, DisputeList } from './dispute-console-types.ts';
import { BUCKET_FILE, disputesRoutes, TABLE_FILE } from './disputes-routes.ts';
import { SAMPLE_TABLE_FILE, SAMPLE_BUCKET_FILE } from '../../server/test-fixtures/sample-definitions.ts';

const API = '/_console/api';
const TIMEOUT = { timeout: 60_000 };
// The first bytes of a PNG are all the evidence check looks at.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

/** Seeded emulators, the functions' stores on them, and the console routes in an app set up as the emulator's is. */
async function consoleWorld(t: TestContext) {
  const dynamo = await startDynamoDb({});
  const s3 = await startS3({});
  const dynamodbClient = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  const s3Client = new S3Client({ ...localClientConfig(s3.endpoint), forcePathStyle: true });
  const app = Fastify();
  t.after(async () => {
    await app.close();
    dynamodbClient.destroy();
    s3Client.destroy();
    await s3.stop();
    await dynamo.stop();
  });
  const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'test', file: SAMPLE_TABLE_FILE });
  const { bucketName } = await createBucket({ endpoint: s3.endpoint, stage: 'test', file: SAMPLE_BUCKET_FILE });
  const documents = DynamoDBDocumentClient.from(dynamodbClient);
  await seedTable({ client: documents, tableName });

  // As server/app.ts: no body parsed, every one kept as bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const resources: ModuleResources = {
    tables: { [TABLE_FILE]: tableName },
    buckets: { [BUCKET_FILE]: bucketName },
    dynamodb: documents,
    s3: s3Client,
  };
  await app.register(consoleDataRoutes(dataOptions(resources)), { prefix: API });
  // As server/console/console-routes.ts mounts a module's view.
  await app.register(disputesRoutes(resources), { prefix: `${API}/modules/disputes-api` });
  await app.ready();

  const table = openTable(tableName, dynamodbClient);
  let now = new Date('2026-11-26T10:00:00.000Z');
  const deps = storesOn(table, () => new Date(now));
  const objects = createEvidenceObjects(openBucket(bucketName, s3Client));

  return {
    app,
    tableName,
    bucketName,
    s3Client,
    db: documents,
    deps,
    advanceClock: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    /** Opens a dispute as POST /disputes does: the project's other party as respondent, names from the profiles. */
    async open(projectId: number, caller: Caller): Promise<number> {
      const project = await deps.directory.project(projectId);
      assert.ok(project, `seed project ${projectId}`);
      const [client, master] = await Promise.all([deps.directory.profile(project.client_id), deps.directory.profile(project.master_id)]);
      const dispute = openDispute({
        id: await deps.disputeWrites.allocateId(),
        input: { reason: 'quality', description: 'Tiles are cracked' },
        project,
        initiatorSide: project.client_id === caller.id ? 'client' : 'master',
        profiles: { client, master },
        now: now.toISOString(),
      });
      const outcome = await deps.disputeWrites.create(dispute, 'Dispute opened');
      assert.ok('created' in outcome);
      return dispute.id;
    },
    /** An evidence item; an uploaded one with its bytes put at its served key first, as the small-file flow does. */
    addEvidence: (disputeId: number, caller: Caller, draft: EvidenceDraft) =>
      registerEvidence(deps, disputeId, caller, draft, {
        beforeWrite: draft.status === 'uploaded' ? (key) => objects.put(key, PNG, draft.content_type) : undefined,
      }),
  };
}

/** A dispute on project 123 with a public and a staff-only message, an uploaded and a pending evidence item. */
async function disputeWithEverything(world: Awaited<ReturnType<typeof consoleWorld>>) {
  const id = await world.open(123, ALICE);
  world.advanceClock(1000);
  await sendMessage(world.deps, id, BOB, { message: 'They are not cracked', is_internal: false });
  world.advanceClock(1000);
  await sendMessage(world.deps, id, MARIA, { message: 'Ask for photos', is_internal: true });
  world.advanceClock(1000);
  const photo = await world.addEvidence(id, ALICE, {
    file_name: 'cracks.png',
    content_type: 'image/png',
    size: PNG.byteLength,
    description: 'The cracks',
    status: 'uploaded',
  });
  world.advanceClock(1000);
  const pending = await world.addEvidence(id, BOB, {
    file_name: 'invoice.pdf',
    content_type: 'application/pdf',
    size: 1200,
    description: null,
    status: 'pending',
  });
  return { id, photo, pending };
}

/** The engine's data routes as main.ts sets them up for this module alone. */
function dataOptions(resources: ModuleResources): ConsoleDataOptions {
  return {
    dynamodb: resources.dynamodb,
    s3: resources.s3,
    writeConflicts: () => ({ conditionalCheckFailed: 0, transactionsCanceled: 0 }),
    tables: [{ module: 'disputes-api', name: resources.tables[TABLE_FILE]!, partitionKey: 'PK', sortKey: 'SK' }],
    buckets: [{ module: 'disputes-api', name: resources.buckets[BUCKET_FILE]! }],
    views: [{ module: 'disputes-api', label: 'Disputes' }],
    seed: () => seedTable({ client: resources.dynamodb, tableName: resources.tables[TABLE_FILE]! }),
  };
}

/** GET under the console's API; the disputes view's routes (`/disputes…`) under the module's prefix. */
async function getJson<T>(app: FastifyInstance, url: string): Promise<{ status: number; body: T }> {
  const prefix = url.startsWith('/disputes') ? `${API}/modules/disputes-api` : API;
  const response = await app.inject({ method: 'GET', url: `${prefix}${url}` });
  return { status: response.statusCode, body: response.json() as T };
}

test('GET /disputes lists every dispute, newest first, with the stored names of its fields', TIMEOUT, async (t) => {
  const world = await consoleWorld(t);
  assert.deepEqual((await getJson<DisputeList>(world.app, '/disputes')).body, { disputes: [] });

  const older = await world.open(123, ALICE);
  world.advanceClock(60_000);
  const newer = await world.open(124, CAROL);
  const { status, body } = await getJson<DisputeList>(world.app, '/disputes');
  assert.equal(status, 200);
  assert.deepEqual(
    body.disputes.map((row) => row.id),
    [newer, older],
  );
  assert.deepEqual(body.disputes[1], {
    id: older,
    status: 'open',
    priority: 'medium',
    reason: 'quality',
    project: { id: 123, title: 'Kitchen renovation' },
    initiator: { id: 1, name: 'Alice Client' },
    respondent: { id: 2, name: 'Bob Master' },
    created_at: '2026-11-26T10:00:00.000Z',
    updated_at: '2026-11-26T10:00:00.000Z',
  });
});

test(
  "GET /disputes/:id groups the dispute's partition, staff-only messages and each evidence item's objects included",
  TIMEOUT,
  async (t) => {
    const world = await consoleWorld(t);
    const { id, photo, pending } = await disputeWithEverything(world);
    // The client's POST arrived at the staging key; no confirmation has run.
    await world.s3Client.send(
      new PutObjectCommand({
        Bucket: world.bucketName,
        Key: pending.upload_key,
        Body: Buffer.from('%PDF-1.7'),
        ContentType: 'application/pdf',
      }),
    );

    const { status, body } = await getJson<DisputeDetail>(world.app, `/disputes/${id}`);
    assert.equal(status, 200);
    assert.equal(body.dispute['id'], id);
    assert.equal(body.dispute['status'], 'open');
    assert.deepEqual(body.dispute['project'], { id: 123, title: 'Kitchen renovation' });
    assert.equal(body.dispute['all_messages'], 3, 'the sequence counters are shown');
    assert.equal(body.dispute['mediator'], null, 'absent facts as the functions read them');
    assert.equal(body.dispute['PK'], undefined, 'the decoder leaves the keys out');
    assert.equal(body.dispute['GSI2PK'], undefined);

    assert.deepEqual(
      body.messages.map((message) => [message['id'], message['message'], message['is_internal']]),
      [
        [1, 'Dispute opened', false],
        [2, 'They are not cracked', false],
        [3, 'Ask for photos', true],
      ],
    );
    assert.ok(
      body.messages.every((message) => !('PK' in message) && !('SK' in message) && !('GSI1PK' in message)),
      'no key attributes on messages',
    );

    assert.deepEqual(
      body.timeline.map((event) => event['type']),
      ['created', 'evidence_added', 'evidence_added'],
    );
    assert.equal(body.timeline[0]?.['SK'], keys.event(id, '2026-11-26T10:00:00.000Z', 1).SK, 'timeline items whole, keys and all');

    assert.deepEqual(
      body.evidence.map((item) => item['id']),
      [photo.id, pending.id],
    );
    const [uploaded, waiting] = body.evidence;
    assert.equal(uploaded?.['status'], 'uploaded');
    assert.equal(uploaded?.['file_name'], 'cracks.png');
    assert.deepEqual(uploaded?.object, { key: photo.s3_key, size: PNG.byteLength, contentType: 'image/png' });
    assert.equal(uploaded?.upload, null, 'a file sent in the request has no staging key');
    assert.equal(waiting?.['status'], 'pending');
    assert.equal(waiting?.object, null, 'nothing at the served key before the confirmation');
    assert.deepEqual(waiting?.upload, { key: pending.upload_key, size: 8, contentType: 'application/pdf' });
  },
);

test('GET /disputes/:id is a 404 for a dispute that does not exist and a 400 for an id that is no number', TIMEOUT, async (t) => {
  const world = await consoleWorld(t);
  const missing = await getJson<{ message: string }>(world.app, '/disputes/999');
  assert.equal(missing.status, 404);
  assert.equal(typeof missing.body.message, 'string');
  for (const id of ['abc', '1.5', '-1', '0', '1e3', '12345678901234567890']) {
    const answer = await getJson<{ message: string }>(world.app, `/disputes/${id}`);
    assert.equal(answer.status, 400, id);
    assert.equal(typeof answer.body.message, 'string', id);
  }
});

test('GET /table answers the raw items of a partition, all of it or under a sort key prefix; 400 without pk', TIMEOUT, async (t) => {
  const world = await consoleWorld(t);
  const { id } = await disputeWithEverything(world);
  const pk = encodeURIComponent(keys.dispute(id).PK);

  const whole = await getJson<TableItems>(world.app, `/table?pk=${pk}`);
  assert.equal(whole.status, 200);
  // The dispute, 3 messages, 2 evidence items, 3 timeline events.
  assert.equal(whole.body.items.length, 9);
  assert.ok(whole.body.items.every((item) => item['PK'] === keys.dispute(id).PK));

  const messages = await getJson<TableItems>(world.app, `/table?pk=${pk}&sk=${encodeURIComponent('MSG#')}`);
  assert.deepEqual(
    messages.body.items.map((item) => item['SK']),
    [1, 2, 3].map((seq) => keys.message(id, seq).SK),
  );
  assert.equal(messages.body.items[0]?.['GSI1PK'], `DISPUTE#${id}#PUBLIC`, 'raw: index keys included');

  const profile = await getJson<TableItems>(world.app, `/table?pk=${encodeURIComponent('USER#1')}&sk=PROFILE`);
  assert.deepEqual(profile.body.items, [profileItem(loadSeedData().users.find((user) => user.id === 1)!)]);
  assert.deepEqual((await getJson<TableItems>(world.app, '/table?pk=NOTHING')).body, { items: [] });

  for (const query of ['', '?sk=MSG%23', '?pk=', '?pk=a&pk=b']) {
    const answer = await getJson<{ message: string }>(world.app, `/table${query}`);
    assert.equal(answer.status, 400, query);
    assert.equal(typeof answer.body.message, 'string', query);
  }
});

test("GET /bucket lists the bucket's objects (under a prefix); GET /bucket/object answers one's bytes", TIMEOUT, async (t) => {
  const world = await consoleWorld(t);
  const { photo } = await disputeWithEverything(world);
  const put = (Key: string, Body: string, ContentType: string) =>
    world.s3Client.send(new PutObjectCommand({ Bucket: world.bucketName, Key, Body, ContentType }));
  await put('notes/page.html', '<script>alert(1)</script>', 'text/html');

  const all = await getJson<BucketListing>(world.app, '/bucket');
  assert.equal(all.status, 200);
  assert.equal(all.body.bucket, world.bucketName);
  assert.deepEqual(
    all.body.objects.map((object) => [object.key, object.size]),
    [
      [photo.s3_key, PNG.byteLength],
      ['notes/page.html', 25],
    ],
  );
  assert.ok(all.body.objects.every((object) => !Number.isNaN(Date.parse(object.lastModified))));
  const under = await getJson<BucketListing>(world.app, '/bucket?prefix=notes%2F');
  assert.deepEqual(
    under.body.objects.map((object) => object.key),
    ['notes/page.html'],
  );

  const image = await world.app.inject({ method: 'GET', url: `${API}/bucket/object?key=${encodeURIComponent(photo.s3_key)}` });
  assert.equal(image.statusCode, 200);
  assert.equal(image.headers['content-type'], 'image/png');
  assert.equal(image.headers['content-disposition'], 'inline');
  assert.deepEqual(image.rawPayload, PNG);

  // Bytes someone put in the bucket never run as a page of the console's origin.
  const page = await world.app.inject({ method: 'GET', url: `${API}/bucket/object?key=notes%2Fpage.html` });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['content-type'], 'text/html');
  assert.equal(page.headers['content-disposition'], 'attachment');
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['content-security-policy'], "sandbox; frame-ancestors 'none'", 'opened on its own, no scripts and no origin');

  assert.equal((await world.app.inject({ method: 'GET', url: `${API}/bucket/object?key=no%2Fsuch` })).statusCode, 404);
  const noKey = await world.app.inject({ method: 'GET', url: `${API}/bucket/object` });
  assert.equal(noKey.statusCode, 400);
  assert.equal(typeof noKey.json().message, 'string');
});

test('POST /reset empties the table and the bucket and seeds again; any other body is a 400 that changes nothing', TIMEOUT, async (t) => {
  const world = await consoleWorld(t);
  const { id } = await disputeWithEverything(world);
  const reset = (payload: string, contentType = 'application/json') =>
    world.app.inject({ method: 'POST', url: `${API}/reset`, payload, headers: { 'content-type': contentType } });
  const itemCount = async () => (await world.db.send(new ScanCommand({ TableName: world.tableName, Select: 'COUNT' }))).Count ?? 0;

  for (const body of ['', 'not json', '{"confirm":"yes"}', '{"confirm":"reset","also":1}', '["reset"]', 'null']) {
    const answer = await reset(body);
    assert.equal(answer.statusCode, 400, body);
    assert.deepEqual(answer.json(), { message: 'to reset, send {"confirm":"reset"}' }, body);
  }
  assert.equal((await getJson(world.app, `/disputes/${id}`)).status, 200, 'nothing was deleted');

  const itemsBefore = await itemCount();
  const objectsBefore = (await getJson<BucketListing>(world.app, '/bucket')).body.objects.length;
  assert.equal(objectsBefore, 1);
  const answer = await reset('{"confirm":"reset"}', 'text/plain');
  assert.equal(answer.statusCode, 200);
  assert.deepEqual(answer.json() as ResetResult, { deletedItems: itemsBefore, deletedObjects: objectsBefore });

  assert.equal((await getJson(world.app, `/disputes/${id}`)).status, 404);
  assert.deepEqual((await getJson<DisputeList>(world.app, '/disputes')).body, { disputes: [] });
  assert.deepEqual((await getJson<BucketListing>(world.app, '/bucket')).body.objects, []);
  const seed = loadSeedData();
  // The seed users and projects, and nothing else but the seed marker.
  assert.equal(await itemCount(), seed.users.length + seed.projects.length + 1);
  const get = async (Key: { PK: string; SK: string }) => (await world.db.send(new GetCommand({ TableName: world.tableName, Key }))).Item;
  assert.deepEqual(await get(keys.profile(ADAM.id)), profileItem(seed.users.find((user) => user.id === ADAM.id)!));
  assert.deepEqual(
    await get(keys.project(123)),
    projectItem(seed.projects.find((project) => project.id === 123)!),
    'the project no longer says it has an active dispute',
  );
  assert.equal(await get(keys.disputeCounter()), undefined, 'ids start again from 1');
});

test(
  'the routes read their body as bytes whatever the app around them parses, and a fault of the emulators is a 500 in JSON',
  TIMEOUT,
  async (t) => {
    // Nothing listens there: every read fails.
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const app = Fastify();
    const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(nowhere)));
    const s3 = new S3Client({ ...localClientConfig(nowhere), forcePathStyle: true });
    t.after(async () => {
      await app.close();
      dynamodb.destroy();
      s3.destroy();
    });
    const resources: ModuleResources = { tables: { [TABLE_FILE]: 'none' }, buckets: { [BUCKET_FILE]: 'none' }, dynamodb, s3 };
    await app.register(consoleDataRoutes(dataOptions(resources)), { prefix: API });
    await app.register(disputesRoutes(resources), { prefix: `${API}/modules/disputes-api` });
    const invalid = await app.inject({
      method: 'POST',
      url: `${API}/reset`,
      payload: '{"confirm":',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(invalid.statusCode, 400);
    assert.deepEqual(invalid.json(), { message: 'to reset, send {"confirm":"reset"}' });

    const fault = await app.inject({ method: 'GET', url: `${API}/table?pk=x` });
    assert.equal(fault.statusCode, 500);
    assert.match(String(fault.headers['content-type']), /^application\/json/);
    assert.equal(typeof fault.json().message, 'string');
  },
);
