// How GET /disputes?limit=20 scales with the table: measured as a party
// (user 1, client) and as staff (admin) with about ten disputes in the table,
// then again once it holds 10,000 (goal: within 1.5× of the small figures).
// The disputes are written straight into the emulator's DynamoDB with the
// handlers' own store code, spread over many users and projects, so a party's
// own list stays as small as before while the table grows; user 1's few
// disputes are among them. Idempotency records expiring throughout the second
// measurement keep the TTL sweep busy meanwhile. With ten disputes, staff's
// page holds ten where it later holds twenty; LIST_SCALE_SMALL=25 starts from
// a full page. `npm run bench:list-scale`; LIST_SCALE_DISPUTES,
// LIST_SCALE_SMALL, BENCH_SECONDS, BENCH_WARMUP_SECONDS and BENCH_CONNECTIONS
// change the sizes.
import autocannon from 'autocannon';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDisputeWrites } from '../handlers/data/dispute-writes.ts';
import { createIdempotencyStore, IDEMPOTENCY_WINDOW_SECONDS } from '../handlers/data/idempotency-store.ts';
import { openTable, type Table } from '../handlers/data/table.ts';
import { DISPUTE_PRIORITIES, DISPUTE_REASONS } from '../handlers/domain/dispute.ts';
import { openDispute, type ProjectParties } from '../handlers/domain/new-dispute.ts';
import { defaultKeyDir, issueLocalToken } from '../server/auth/local-issuer.ts';
import { inBatches, writeBatch } from '../server/dynamodb/batch-write.ts';
import { localClientConfig } from '../server/local-aws.ts';
import { profileItem, projectItem, type SeedUser } from '../local/seed/seed-table.ts';
import { projectRoot } from '../test-support/project-root.ts';
import { startEmulator } from '../test-support/start-emulator.ts';

const LARGE = Number(process.env.LIST_SCALE_DISPUTES ?? 10_000);
// The small table: user 1's USER_1_DISPUTES disputes, the rest other users'.
const SMALL = Number(process.env.LIST_SCALE_SMALL ?? 10);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const GOAL_RATIO = 1.5;

const USER_1_DISPUTES = 5;
// The other parties: each is client in some projects and master in others (about 10 disputes each at 10,000).
const OTHER_USERS = 2_000;
const FIRST_USER_ID = 300_000;
const FIRST_PROJECT_ID = 300_000;
// One record per request with an Idempotency-Key: their expiries spread over the
// next IDEMPOTENCY_SPREAD_SECONDS, so several fall due every second of the measurement.
const IDEMPOTENCY_RECORDS = 3_000;
const IDEMPOTENCY_SPREAD_SECONDS = 300;
// Requests in flight while filling; the emulator applies them one at a time, this only hides the round trips.
const FILL_CONCURRENCY = 8;

const percentileLine = (result: autocannon.Result) =>
  `${result.requests.average.toFixed(0).padStart(6)} req/s | p50 ${String(result.latency.p50).padStart(4)} ms | p99 ${String(result.latency.p99).padStart(4)} ms | non-2xx ${result.non2xx} | errors ${result.errors}`;

async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function batchPut(table: Table, items: Record<string, unknown>[]): Promise<void> {
  await inParallel(inBatches(items), FILL_CONCURRENCY, (batch) =>
    writeBatch(
      table.client,
      table.name,
      batch.map((Item) => ({ PutRequest: { Item } })),
    ),
  );
}

const otherUser = (n: number): SeedUser => {
  const id = FIRST_USER_ID + (n % OTHER_USERS);
  return { id, name: `Scale User ${id}`, avatar: null, role: n % 2 === 0 ? 'client' : 'master' };
};

/** The project of the k-th dispute: user 1's for the first few, then pairs of other users. */
function projectFor(k: number): ProjectParties {
  const id = FIRST_PROJECT_ID + k;
  const title = `Scale project ${id}`;
  if (k < USER_1_DISPUTES) return { id, title, client_id: 1, master_id: otherUser(2 * k + 1).id };
  // Clients from the even half of the pool, masters from the odd half, paired differently.
  const half = OTHER_USERS / 2;
  return { id, title, client_id: otherUser(2 * (k % half)).id, master_id: otherUser(2 * ((k * 7) % half) + 1).id };
}

/** Opens disputes [from, to) as POST /disputes does: a project, an id from the counter, then the one transaction. */
async function openDisputes(table: Table, from: number, to: number): Promise<void> {
  const writes = createDisputeWrites(table);
  const projects = Array.from({ length: to - from }, (_, i) => projectFor(from + i));
  await batchPut(
    table,
    projects.map((project) => projectItem(project)),
  );
  await inParallel(projects, FILL_CONCURRENCY, async (project) => {
    const k = project.id - FIRST_PROJECT_ID;
    const side = k % 3 === 0 ? 'master' : 'client';
    const dispute = openDispute({
      id: await writes.allocateId(),
      input: {
        reason: DISPUTE_REASONS[k % DISPUTE_REASONS.length]!,
        description: `Work on ${project.title} was not finished as agreed: ${'details of what went wrong. '.repeat(1 + (k % 6))}`,
        priority: DISPUTE_PRIORITIES[k % DISPUTE_PRIORITIES.length]!,
        ...(k % 2 === 0 ? { amount_disputed: `${100 + (k % 900)}.00` } : {}),
      },
      project,
      initiatorSide: side,
      profiles: {
        client: { name: project.client_id === 1 ? 'Alice Client' : `Scale User ${project.client_id}`, avatar: null },
        master: { name: `Scale User ${project.master_id}`, avatar: null },
      },
      now: new Date().toISOString(),
    });
    const outcome = await writes.create(dispute, 'Dispute opened');
    if ('conflict' in outcome) throw new Error(`project ${project.id} already had a dispute`);
  });
}

/** Idempotency records as POST requests leave them, claimed and completed, expiring over the next few minutes. */
async function writeIdempotencyRecords(table: Table): Promise<void> {
  const store = createIdempotencyStore(table);
  const nowSeconds = Math.floor(Date.now() / 1000);
  const records = Array.from({ length: IDEMPOTENCY_RECORDS }, (_, i) => i);
  await inParallel(records, FILL_CONCURRENCY, async (i) => {
    const userId = otherUser(i).id;
    const key = `scale-${i}`;
    // Claimed as if a day ago, less the spread: the record expires that much from now.
    const claimedAt = nowSeconds - IDEMPOTENCY_WINDOW_SECONDS + Math.floor((i * IDEMPOTENCY_SPREAD_SECONDS) / IDEMPOTENCY_RECORDS);
    const outcome = await store.claim({ userId, key, fingerprint: `fingerprint-${i}`, now: claimedAt, lockedUntil: claimedAt + 30 });
    if (outcome.kind !== 'claimed') throw new Error(`idempotency key ${key}: ${outcome.kind}`);
    await store.complete(userId, key, { statusCode: 201, contentType: 'application/json', body: JSON.stringify({ id: i }) });
  });
}

let dynamo: { endpoint: string; tableName: string } | undefined;
const { base, server, ready } = await startEmulator((line) => {
  const match = /^ {2}DynamoDB: (\S+) {2}\(table (\S+)\)/.exec(line);
  if (match) dynamo = { endpoint: match[1]!, tableName: match[2]! };
});
try {
  await ready;
  if (!dynamo) throw new Error('the emulator did not print its DynamoDB endpoint');
  const table = openTable(dynamo.tableName, new DynamoDBClient(localClientConfig(dynamo.endpoint)));
  const keyDir = defaultKeyDir(projectRoot);
  const audiences = [
    { title: 'party (user 1, client)', authorization: `Bearer ${issueLocalToken({ keyDir, sub: '1', role: 'client' })}` },
    { title: 'staff (admin)', authorization: `Bearer ${issueLocalToken({ keyDir, sub: '4', role: 'admin' })}` },
  ];

  const load = (authorization: string, duration: number) =>
    autocannon({ url: `${base}/disputes?limit=20`, connections: CONNECTIONS, headers: { authorization }, duration });
  const measureAll = async () => {
    // Unreported first, for every audience: each execution environment the load needs has had its cold start.
    for (const { authorization } of audiences) await load(authorization, WARMUP_SECONDS);
    const figures = [];
    for (const { authorization } of audiences) {
      const result = await load(authorization, DURATION_SECONDS);
      const page = (await (await fetch(`${base}/disputes?limit=20`, { headers: { authorization } })).json()) as {
        results: unknown[];
        count: number;
      };
      figures.push({ result, listed: page.results.length, count: page.count });
    }
    return figures;
  };

  await batchPut(
    table,
    Array.from({ length: OTHER_USERS }, (_, n) => profileItem(otherUser(n))),
  );
  await openDisputes(table, 0, SMALL);
  const small = await measureAll();

  const fillStarted = performance.now();
  await openDisputes(table, SMALL, LARGE);
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  await writeIdempotencyRecords(table);
  const large = await measureAll();

  console.log(
    `filled ${LARGE - SMALL} disputes in ${fillSeconds.toFixed(0)} s (${((LARGE - SMALL) / fillSeconds).toFixed(0)}/s); ` +
      `${IDEMPOTENCY_RECORDS} idempotency records expiring over ${IDEMPOTENCY_SPREAD_SECONDS} s`,
  );
  console.log(`GET /disputes?limit=20, ${CONNECTIONS} connections, ${DURATION_SECONDS} s each after ${WARMUP_SECONDS} s of warm-up:`);
  for (const [i, audience] of audiences.entries()) {
    const before = small[i]!;
    const after = large[i]!;
    const ratio = after.result.latency.p50 / before.result.latency.p50;
    console.log(`${audience.title}:`);
    console.log(`  ${String(SMALL).padStart(6)} disputes (lists ${before.listed} of ${before.count}): ${percentileLine(before.result)}`);
    console.log(`  ${String(LARGE).padStart(6)} disputes (lists ${after.listed} of ${after.count}): ${percentileLine(after.result)}`);
    console.log(
      `  p50 ratio ${ratio.toFixed(2)}×, p99 ratio ${(after.result.latency.p99 / before.result.latency.p99).toFixed(2)}×, ` +
        `req/s ratio ${(after.result.requests.average / before.result.requests.average).toFixed(2)}× (goal: latency within ${GOAL_RATIO}×)`,
    );
    if (before.listed !== after.listed) {
      console.log(`  the pages differ (${before.listed} disputes, then ${after.listed}): LIST_SCALE_SMALL=25 compares full pages`);
    }
  }
  table.client.destroy();
} finally {
  server.kill('SIGTERM');
}
