// Reading disputes: one by id, and pages of them, newest first, each an exact
// Query (never a filter): a party's from its membership items, staff's from
// the dispute indexes; counts from the counters kept with every status change.
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DISPUTE_STATUSES, type DisputeStatus } from '../domain/dispute.ts';
import type { StartKey } from '../domain/page-cursor.ts';
import { storedDisputeFrom, type StoredDispute } from './dispute-item.ts';
import { queryPage, type Page } from './query-page.ts';
import type { Table } from './table.ts';
import { INDEX, KEY, KEY_PREFIX, gsiValues, keys } from './table-keys.ts';

export type ListAudience = { kind: 'party'; userId: number } | { kind: 'staff' };

export type DisputeReads = ReturnType<typeof createDisputeReads>;

export function createDisputeReads(table: Table) {
  /** The disputes with these ids, in the same order (consistent reads). */
  async function getMany(ids: number[]): Promise<StoredDispute[]> {
    const found = new Map<number, StoredDispute>();
    let pending: Record<string, unknown>[] = ids.map((id) => keys.dispute(id));
    while (pending.length > 0) {
      const result = await table.client.send(
        new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[table.name] ?? []) {
        const stored = storedDisputeFrom(item);
        found.set(stored.dispute.id, stored);
      }
      pending = result.UnprocessedKeys?.[table.name]?.Keys ?? [];
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  return {
    async get(disputeId: number): Promise<StoredDispute | null> {
      const result = await table.client.send(new GetCommand({ TableName: table.name, Key: keys.dispute(disputeId), ConsistentRead: true }));
      return result.Item ? storedDisputeFrom(result.Item) : null;
    },

    async list(
      audience: ListAudience,
      status: DisputeStatus | undefined,
      page: { limit: number; startKey: StartKey | null },
    ): Promise<Page<StoredDispute>> {
      const query = listQuery(audience, status);
      const result = await queryPage(table, { ...query.input, ScanIndexForward: false }, { ...page, keyAttributes: query.keyAttributes });
      const ids = result.items.map((item) => Number(audience.kind === 'party' ? item['dispute_id'] : item['id']));
      // The index said the status when it was queried; a dispute that moved on before the
      // (consistent) read of the items is left out rather than listed under a status it no longer has.
      const current = (await getMany(ids)).filter((stored) => status === undefined || stored.dispute.status === status);
      return { items: current, nextKey: result.nextKey };
    },

    /** How many disputes match, from the counters kept with every status change. */
    async count(audience: ListAudience, status: DisputeStatus | undefined): Promise<number> {
      const key = audience.kind === 'party' ? keys.userStats(audience.userId) : keys.allStats();
      const result = await table.client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }));
      const counts = result.Item ?? {};
      const statuses: readonly DisputeStatus[] = status === undefined ? DISPUTE_STATUSES : [status];
      return statuses.reduce((sum, name) => sum + Math.max(0, Number(counts[name] ?? 0)), 0);
    },
  };
}

function listQuery(audience: ListAudience, status: DisputeStatus | undefined) {
  if (audience.kind === 'party' && status === undefined) {
    return {
      input: {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.userPartition(audience.userId), ':prefix': KEY_PREFIX.membership },
      },
      keyAttributes: [KEY.pk, KEY.sk],
    };
  }
  if (audience.kind === 'staff' && status === undefined) {
    return {
      input: { IndexName: INDEX.gsi2, KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': gsiValues.allDisputes } },
      keyAttributes: [KEY.gsi2pk, KEY.gsi2sk, KEY.pk, KEY.sk],
    };
  }
  const partition = audience.kind === 'party' ? gsiValues.membershipStatus(audience.userId, status!) : gsiValues.disputeStatus(status!);
  return {
    input: { IndexName: INDEX.gsi1, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': partition } },
    keyAttributes: [KEY.gsi1pk, KEY.gsi1sk, KEY.pk, KEY.sk],
  };
}
