// The expiry index of every table with Time to Live enabled: which keys carry
// a TTL value and when it falls, so that the sweeper (ttl-sweeper.ts) touches
// only items that are due instead of scanning the table. It is built with one
// Scan when TTL is enabled, and at start for tables that had it enabled before
// (a data dir); from then on the front records what each successful write did
// (ttl-write-changes.ts), under the same lock as the write.
//
// The index may hold a key whose item has since changed in a way it missed;
// that costs one conditional delete that fails, after which the key is read
// again. What it must not do is miss a key whose item is due, which is why
// every write path of the front reports to it, and a write that failed leaves
// it alone. Only a top-level Number counts as a TTL value; other types are
// left out, so they are never swept.
import type { CallOperation } from './dynalite-client.ts';
import { createExpiryQueue } from './expiry-queue.ts';
import type { Expiring } from './expiry-queue.ts';
import { currentSetting } from './time-to-live-operations.ts';
import type { TimeToLiveSettings } from './time-to-live-settings.ts';
import { isObject, keyOf } from './transaction-items.ts';
import type { AttributeMap } from './transaction-items.ts';
import { TTL_WRITE_OPERATIONS, ttlChanges } from './ttl-write-changes.ts';

const TARGET_PREFIX = 'DynamoDB_20120810.';

export interface TableExpiries {
  readonly attributeName: string;
  /** Removes and returns up to `limit` keys whose TTL value is below `before` (epoch seconds), soonest first. */
  takeBefore(before: number, limit: number): Expiring<AttributeMap>[];
  /** Records a key's TTL value; undefined when its item has none or is gone. */
  set(key: AttributeMap, expiresAt: number | undefined): void;
  /** Reads the key's item (its TTL attribute only) and records what it holds now. */
  reread(key: AttributeMap): Promise<void>;
}

export interface TtlIndex {
  /** Indexes a table's items with one Scan (TTL has just been enabled on `attributeName`). */
  build(tableName: string, attributeName: string): Promise<void>;
  /** Indexes every table whose TTL setting is in force, and forgets the settings of tables that are gone. */
  buildEnabled(): Promise<void>;
  /** Forgets a table's index (TTL disabled). */
  drop(tableName: string): void;
  /** Forgets a deleted table's index and its TTL setting. */
  tableDeleted(tableName: string): void;
  table(tableName: string): TableExpiries | undefined;
  tableNames(): string[];
  /** Records what a successful write (e.g. `PutItem`, `TransactWriteItems`) did. Never throws: a failure goes to onError. */
  recordWrite(operation: string, request: Record<string, unknown>): Promise<void>;
  /** recordWrite for a request the front forwarded as it came (`X-Amz-Target` and body); parses only writes, and only when some table has TTL. */
  recordForwarded(target: string, body: Buffer): Promise<void>;
}

export interface TtlIndexOptions {
  /** dynalite, for the Scan that builds an index and the reads after an update. */
  call: CallOperation;
  settings: TimeToLiveSettings;
  onError: (error: unknown) => void;
}

/** The value of the item's TTL attribute when it is a Number, else undefined. */
export function expiryOf(item: unknown, attributeName: string): number | undefined {
  const value = isObject(item) ? item[attributeName] : undefined;
  if (!isObject(value) || typeof value.N !== 'string') return undefined;
  const seconds = Number(value.N);
  return Number.isFinite(seconds) ? seconds : undefined;
}

async function keyNamesOf(call: CallOperation, tableName: string): Promise<string[]> {
  const described = await call('DescribeTable', { TableName: tableName });
  if (!described.ok) throw new Error(`describing ${tableName} failed: ${JSON.stringify(described.data)}`);
  return (described.data.Table as { KeySchema: { AttributeName: string }[] }).KeySchema.map((element) => element.AttributeName);
}

function tableExpiries(call: CallOperation, tableName: string, attributeName: string, keyNames: string[]): TableExpiries {
  const queue = createExpiryQueue<AttributeMap>();
  const identity = (key: AttributeMap): string => JSON.stringify(keyNames.map((name) => key[name]));
  const set = (key: AttributeMap, expiresAt: number | undefined): void => {
    const keyOnly = keyOf(key, keyNames);
    queue.set(identity(keyOnly), keyOnly, expiresAt);
  };
  return {
    attributeName,
    takeBefore: (before, limit) => queue.takeBefore(before, limit),
    set,
    async reread(key) {
      const read = await call('GetItem', {
        TableName: tableName,
        Key: keyOf(key, keyNames),
        ConsistentRead: true,
        ProjectionExpression: '#ttl',
        ExpressionAttributeNames: { '#ttl': attributeName },
      });
      if (!read.ok) throw new Error(`reading the TTL of an item of ${tableName} failed: ${JSON.stringify(read.data)}`);
      set(key, expiryOf(read.data.Item, attributeName));
    },
  };
}

/** Fills a new index from a Scan of the table's keys and Number TTL values. */
async function scanInto(call: CallOperation, tableName: string, table: TableExpiries, keyNames: string[]): Promise<void> {
  const names = [...new Set([...keyNames, table.attributeName])];
  const placeholders = Object.fromEntries(names.map((name, position) => [`#a${position}`, name]));
  const ttlPlaceholder = `#a${names.indexOf(table.attributeName)}`;
  let startKey: unknown;
  do {
    const page = await call('Scan', {
      TableName: tableName,
      ProjectionExpression: Object.keys(placeholders).join(', '),
      FilterExpression: `attribute_type(${ttlPlaceholder}, :number)`,
      ExpressionAttributeNames: placeholders,
      ExpressionAttributeValues: { ':number': { S: 'N' } },
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    });
    if (!page.ok) throw new Error(`scanning ${tableName} for TTL values failed: ${JSON.stringify(page.data)}`);
    for (const item of (page.data.Items ?? []) as AttributeMap[]) table.set(item, expiryOf(item, table.attributeName));
    startKey = page.data.LastEvaluatedKey;
  } while (startKey);
}

export function createTtlIndex(options: TtlIndexOptions): TtlIndex {
  const { call, settings, onError } = options;
  const tables = new Map<string, TableExpiries>();
  const ttlAttributeOf = (tableName: string): string | undefined => tables.get(tableName)?.attributeName;

  async function build(tableName: string, attributeName: string): Promise<void> {
    const keyNames = await keyNamesOf(call, tableName);
    const table = tableExpiries(call, tableName, attributeName, keyNames);
    await scanInto(call, tableName, table, keyNames);
    tables.set(tableName, table);
  }

  async function recordWrite(operation: string, request: Record<string, unknown>): Promise<void> {
    try {
      for (const change of ttlChanges(operation, request, ttlAttributeOf)) {
        const table = tables.get(change.tableName);
        if (!table) continue;
        if (change.kind === 'written') table.set(change.item, expiryOf(change.item, table.attributeName));
        else if (change.kind === 'deleted') table.set(change.key, undefined);
        else await table.reread(change.key);
      }
    } catch (error) {
      // The write itself succeeded: its answer must not change because the index could not follow.
      onError(error);
    }
  }

  function tableDeleted(tableName: string): void {
    tables.delete(tableName);
    if (settings.get(tableName)) settings.set(tableName, undefined);
  }

  return {
    build,
    async buildEnabled() {
      for (const tableName of settings.tableNames()) {
        const described = await call('DescribeTable', { TableName: tableName });
        if (!described.ok && described.code === 'ResourceNotFoundException') {
          tableDeleted(tableName);
          continue;
        }
        if (!described.ok) throw new Error(`describing ${tableName} failed: ${JSON.stringify(described.data)}`);
        const setting = currentSetting(
          settings,
          tableName,
          Number((described.data.Table as { CreationDateTime: number }).CreationDateTime),
        );
        if (setting) await build(tableName, setting.attributeName);
      }
    },
    drop: (tableName) => void tables.delete(tableName),
    tableDeleted,
    table: (tableName) => tables.get(tableName),
    tableNames: () => [...tables.keys()],
    recordWrite,
    async recordForwarded(target, body) {
      if (tables.size === 0 || !target.startsWith(TARGET_PREFIX)) return;
      const operation = target.slice(TARGET_PREFIX.length);
      if (operation !== 'DeleteTable' && !TTL_WRITE_OPERATIONS.has(operation)) return;
      let request: unknown;
      try {
        request = JSON.parse(body.toString('utf8'));
      } catch {
        return;
      }
      if (!isObject(request)) return;
      if (operation === 'DeleteTable') tableDeleted(String(request.TableName));
      else await recordWrite(operation, request);
    },
  };
}
