// Crash safety with a data dir: the emulator runs in a child process that is
// SIGKILLed under a load of transfers and plain puts, then started again on the
// same data dir. Every acknowledged write must be there, and every transfer
// must be all or nothing (see transaction-journal.ts for why that holds).
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '../local-aws.ts';
import { JOURNAL_FILE } from './transaction-journal.ts';

const FIXTURE = fileURLToPath(new URL('./test-fixtures/dynamodb-child.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ACCOUNTS = 8;
const START_BALANCE = 1000;
const TRANSFER_WORKERS = 6;
const PUT_WORKERS = 3;
// The kill comes once some of each kind are acknowledged (however slow the
// machine), after a random extra stretch of load of up to this long.
const MIN_ACKED = 3;
const EXTRA_LOAD_MS = 200;
// Each round kills the emulator at a random point; more rounds, more chances to land inside a transaction.
const ROUNDS = 3;

interface Emulator {
  child: ChildProcess;
  db: DynamoDBDocumentClient;
  tableName: string;
}

async function startChild(t: TestContext, dataDir: string): Promise<Emulator> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => assert.fail(`emulator child exited early (${String(code)}): ${stderr}`));
  const [line] = (await Promise.race([once(createInterface({ input: child.stdout! }), 'line'), exited])) as [string];
  const { endpoint, tableName } = JSON.parse(line) as { endpoint: string; tableName: string };
  // One attempt per call: a write is acknowledged by its own response, never by a retry after the restart.
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ ...localClientConfig(endpoint), maxAttempts: 1 }));
  t.after(() => db.destroy());
  return { child, db, tableName };
}

const account = (i: number) => `ACCOUNT#${i}`;

async function transferLoad(emulator: Emulator, worker: string, acked: Set<string>, running: () => boolean): Promise<void> {
  const { db, tableName } = emulator;
  for (let i = 0; running(); i++) {
    const id = `${worker}-${i}`;
    const from = Math.floor(Math.random() * ACCOUNTS);
    const to = (from + 1 + Math.floor(Math.random() * (ACCOUNTS - 1))) % ACCOUNTS;
    const amount = 1 + Math.floor(Math.random() * 50);
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: { PK: account(from), SK: 'ACCOUNT' },
                UpdateExpression: 'SET balance = balance - :a',
                ConditionExpression: 'balance >= :a',
                ExpressionAttributeValues: { ':a': amount },
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: { PK: account(to), SK: 'ACCOUNT' },
                UpdateExpression: 'SET balance = balance + :a',
                ExpressionAttributeValues: { ':a': amount },
              },
            },
            { Put: { TableName: tableName, Item: { PK: `TRANSFER#${id}`, SK: 'TRANSFER', from, to, amount } } },
          ],
        }),
      );
      acked.add(id);
    } catch (error) {
      if ((error as Error).name !== 'TransactionCanceledException') return;
    }
  }
}

async function putLoad(emulator: Emulator, worker: string, acked: Set<string>, running: () => boolean): Promise<void> {
  const { db, tableName } = emulator;
  for (let i = 0; running(); i++) {
    const id = `${worker}-${i}`;
    try {
      await db.send(new PutCommand({ TableName: tableName, Item: { PK: `PUT#${id}`, SK: 'PUT', payload: 'x'.repeat(200) } }));
      acked.add(id);
    } catch {
      return;
    }
  }
}

async function scanAll(emulator: Emulator): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await emulator.db.send(new ScanCommand({ TableName: emulator.tableName, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Loads the emulator for LOAD_MS, SIGKILLs it, and returns what was acknowledged and whether a transaction was cut short. */
async function loadAndKill(emulator: Emulator, round: number, dataDir: string) {
  const ackedTransfers = new Set<string>();
  const ackedPuts = new Set<string>();
  let running = true;
  const load = [
    ...Array.from({ length: TRANSFER_WORKERS }, (_, w) => transferLoad(emulator, `${round}.${w}`, ackedTransfers, () => running)),
    ...Array.from({ length: PUT_WORKERS }, (_, w) => putLoad(emulator, `${round}.${w}`, ackedPuts, () => running)),
  ];
  while (ackedTransfers.size < MIN_ACKED || ackedPuts.size < MIN_ACKED) {
    if (emulator.child.exitCode !== null) assert.fail('the emulator exited under load');
    await sleep(5);
  }
  await sleep(Math.random() * EXTRA_LOAD_MS);
  emulator.child.kill('SIGKILL');
  await once(emulator.child, 'exit');
  running = false;
  await Promise.all(load);
  return { ackedTransfers, ackedPuts, cutShort: existsSync(join(dataDir, JOURNAL_FILE)) };
}

/** Asserts the state after a restart against everything acknowledged so far. */
async function verify(emulator: Emulator, ackedTransfers: Set<string>, ackedPuts: Set<string>): Promise<void> {
  const items = await scanAll(emulator);
  const bySortKey = (sk: string) => items.filter((item) => item.SK === sk);

  const puts = new Set(bySortKey('PUT').map((item) => String(item.PK).slice('PUT#'.length)));
  for (const id of ackedPuts) assert.ok(puts.has(id), `acknowledged put ${id} survived`);

  const transfers = bySortKey('TRANSFER') as { PK: string; from: number; to: number; amount: number }[];
  const committed = new Set(transfers.map((item) => item.PK.slice('TRANSFER#'.length)));
  for (const id of ackedTransfers) assert.ok(committed.has(id), `acknowledged transfer ${id} survived`);

  // Each account holds exactly what the committed transfers (their markers) say: no half-applied transfer.
  const expected = Array.from({ length: ACCOUNTS }, () => START_BALANCE);
  for (const { from, to, amount } of transfers) {
    expected[from]! -= amount;
    expected[to]! += amount;
  }
  const balances = Array.from({ length: ACCOUNTS }, (_, i) => bySortKey('ACCOUNT').find((item) => item.PK === account(i))?.balance);
  assert.deepEqual(balances, expected);
  assert.equal(
    balances.reduce<number>((sum, balance) => sum + Number(balance), 0),
    ACCOUNTS * START_BALANCE,
  );
}

test('SIGKILL under load: acknowledged writes survive and transfers are all-or-nothing', { timeout: 120_000 }, async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'dynamodb-durability-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));

  let emulator = await startChild(t, dataDir);
  for (let i = 0; i < ACCOUNTS; i++) {
    await emulator.db.send(
      new PutCommand({ TableName: emulator.tableName, Item: { PK: account(i), SK: 'ACCOUNT', balance: START_BALANCE } }),
    );
  }
  const ackedTransfers = new Set<string>();
  const ackedPuts = new Set<string>();
  for (let round = 1; round <= ROUNDS; round++) {
    const acked = await loadAndKill(emulator, round, dataDir);
    t.diagnostic(
      `round ${round}: ${acked.ackedTransfers.size} transfers and ${acked.ackedPuts.size} puts acknowledged; ` +
        `killed inside a transaction: ${acked.cutShort ? 'yes' : 'no'}`,
    );
    assert.ok(acked.ackedTransfers.size > 0 && acked.ackedPuts.size > 0, 'the load ran before the kill');
    for (const id of acked.ackedTransfers) ackedTransfers.add(id);
    for (const id of acked.ackedPuts) ackedPuts.add(id);

    emulator = await startChild(t, dataDir);
    await verify(emulator, ackedTransfers, ackedPuts);
    assert.equal(existsSync(join(dataDir, JOURNAL_FILE)), false, 'the journal was recovered and removed');
  }
});
