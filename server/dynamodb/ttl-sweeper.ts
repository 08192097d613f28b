// Deletes expired items of tables with Time to Live enabled, every intervalMs.
//
// An item is expired when its TTL attribute is a top-level Number holding epoch
// SECONDS earlier than now, and no more than five years in the past; a missing
// attribute, another type, or an older value is ignored, as in AWS
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html).
//
// A deliberate difference: AWS deletes expired items in the background,
// "typically within two days", and until then they "still show up in reads,
// queries, and scans" (API_UpdateTimeToLive.html). Locally they go within about
// one interval, which is what a developer watching an item expire expects.
// Code must work either way: filter on the TTL attribute where an expired item
// must not count, and do not rely on it lingering either.
//
// A pass touches only what is due: the expiry index (ttl-index.ts) hands out
// the keys whose TTL value has passed, PAGE_SIZE at a time, and each page of
// deletes runs under the emulator's lock. Each delete is conditioned on the
// item still being expired, so a write that renewed the item in the meantime
// wins, and a key whose delete fails that condition is read again to learn
// its TTL value as it is now.
import type { CallOperation } from './dynalite-client.ts';
import type { Mutex } from './async-mutex.ts';
import type { TableExpiries, TtlIndex } from './ttl-index.ts';
import type { AttributeMap } from './transaction-items.ts';

const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 60 * 60;
const PAGE_SIZE = 100;
const EXPIRED = 'attribute_type(#ttl, :number) AND #ttl < :now AND #ttl >= :oldest';

export interface TtlSweeperOptions {
  call: CallOperation;
  mutex: Mutex;
  index: TtlIndex;
  intervalMs: number;
  /** Milliseconds since the epoch. */
  now: () => number;
  onError?: (error: unknown) => void;
}

export interface TtlSweeper {
  /** One pass over every TTL-enabled table; resolves with the number of items deleted. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

const expiredCondition = (attributeName: string, nowSeconds: number) => ({
  ConditionExpression: EXPIRED,
  ExpressionAttributeNames: { '#ttl': attributeName },
  ExpressionAttributeValues: {
    ':number': { S: 'N' },
    ':now': { N: String(nowSeconds) },
    ':oldest': { N: String(nowSeconds - FIVE_YEARS_SECONDS) },
  },
});

type Outcome = 'deleted' | 'kept' | 'table gone';

async function deleteIfExpired(
  options: TtlSweeperOptions,
  tableName: string,
  table: TableExpiries,
  key: AttributeMap,
  nowSeconds: number,
): Promise<Outcome> {
  const result = await options.call('DeleteItem', { TableName: tableName, Key: key, ...expiredCondition(table.attributeName, nowSeconds) });
  if (result.ok) return 'deleted';
  if (result.code === 'ResourceNotFoundException') return 'table gone';
  if (result.code !== 'ConditionalCheckFailedException') {
    throw new Error(`deleting an expired item of ${tableName} failed: ${JSON.stringify(result.data)}`);
  }
  // Renewed, its TTL removed or of another type now, or gone: the index learns what it holds.
  await table.reread(key);
  return 'kept';
}

/** Deletes one page of due items: how many went, and whether more may be due. */
async function sweepPage(options: TtlSweeperOptions, tableName: string, table: TableExpiries): Promise<{ deleted: number; more: boolean }> {
  const nowSeconds = Math.floor(options.now() / 1000);
  const due = table.takeBefore(nowSeconds, PAGE_SIZE);
  let deleted = 0;
  for (const [position, { key, expiresAt }] of due.entries()) {
    // Past the five years it can never expire; the index lets it go.
    if (expiresAt < nowSeconds - FIVE_YEARS_SECONDS) continue;
    let outcome: Outcome;
    try {
      outcome = await deleteIfExpired(options, tableName, table, key, nowSeconds);
    } catch (error) {
      // This key and the rest of the page wait for the next pass.
      for (const entry of due.slice(position)) table.set(entry.key, entry.expiresAt);
      throw error;
    }
    if (outcome === 'table gone') {
      options.index.tableDeleted(tableName);
      return { deleted, more: false };
    }
    if (outcome === 'deleted') deleted += 1;
  }
  return { deleted, more: due.length === PAGE_SIZE };
}

async function sweepTable(options: TtlSweeperOptions, tableName: string): Promise<number> {
  let total = 0;
  let more = true;
  while (more) {
    const page = await options.mutex.run(async () => {
      // Looked up under the lock: TTL may have been disabled or the table deleted since the pass began.
      const table = options.index.table(tableName);
      return table ? sweepPage(options, tableName, table) : { deleted: 0, more: false };
    });
    total += page.deleted;
    more = page.more;
  }
  return total;
}

export function startTtlSweeper(options: TtlSweeperOptions): TtlSweeper {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  async function sweep(): Promise<number> {
    let deleted = 0;
    for (const tableName of options.index.tableNames()) {
      if (stopped) break;
      deleted += await sweepTable(options, tableName);
    }
    return deleted;
  }

  function schedule(): void {
    if (stopped) return;
    // One pass at a time: the next is scheduled when this one ends.
    timer = setTimeout(() => {
      running = sweep().catch((error: unknown) => {
        options.onError?.(error);
        return 0;
      });
      void running.then(schedule);
    }, options.intervalMs);
    timer.unref();
  }
  schedule();

  return {
    sweep: () => (running = running.then(sweep)),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
