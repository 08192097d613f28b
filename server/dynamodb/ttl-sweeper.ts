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
// Each page of the scan and its deletes run under the emulator's lock, and each
// delete is conditioned on the item still being expired, so a write that renewed
// the item in the meantime wins.
import type { CallOperation } from './dynalite-client.ts';
import type { Mutex } from './async-mutex.ts';
import { keyOf } from './transaction-items.ts';
import type { AttributeMap } from './transaction-items.ts';
import type { TimeToLiveSettings } from './time-to-live-settings.ts';
import { currentSetting } from './time-to-live-operations.ts';

const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 60 * 60;
const PAGE_SIZE = 100;
const EXPIRED = 'attribute_type(#ttl, :number) AND #ttl < :now AND #ttl >= :oldest';

export interface TtlSweeperOptions {
  call: CallOperation;
  mutex: Mutex;
  settings: TimeToLiveSettings;
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

async function sweepTable(options: TtlSweeperOptions, tableName: string): Promise<number> {
  const { call, mutex, settings, now } = options;
  const described = await mutex.run(() => call('DescribeTable', { TableName: tableName }));
  if (!described.ok) {
    // A deleted table takes its TTL setting with it.
    if (described.code === 'ResourceNotFoundException') settings.set(tableName, undefined);
    return 0;
  }
  const table = described.data.Table as { CreationDateTime: number; KeySchema: { AttributeName: string }[] };
  const setting = currentSetting(settings, tableName, Number(table.CreationDateTime));
  if (!setting) return 0;
  const keyNames = table.KeySchema.map((element) => element.AttributeName);

  let deleted = 0;
  let startKey: AttributeMap | undefined;
  do {
    startKey = await mutex.run(async () => {
      const nowSeconds = Math.floor(now() / 1000);
      const expression = {
        ConditionExpression: EXPIRED,
        ExpressionAttributeNames: { '#ttl': setting.attributeName },
        ExpressionAttributeValues: {
          ':number': { S: 'N' },
          ':now': { N: String(nowSeconds) },
          ':oldest': { N: String(nowSeconds - FIVE_YEARS_SECONDS) },
        },
      };
      const { ConditionExpression: FilterExpression, ...names } = expression;
      const page = await call('Scan', {
        TableName: tableName,
        Limit: PAGE_SIZE,
        FilterExpression,
        ...names,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      });
      if (!page.ok) return undefined;
      for (const item of (page.data.Items ?? []) as AttributeMap[]) {
        const result = await call('DeleteItem', { TableName: tableName, Key: keyOf(item, keyNames), ...expression });
        if (result.ok) deleted += 1;
      }
      return page.data.LastEvaluatedKey as AttributeMap | undefined;
    });
  } while (startKey);
  return deleted;
}

export function startTtlSweeper(options: TtlSweeperOptions): TtlSweeper {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  async function sweep(): Promise<number> {
    let deleted = 0;
    for (const tableName of options.settings.tableNames()) {
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
