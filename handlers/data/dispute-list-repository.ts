// Pages of disputes, newest first, each an exact Query (never a filter):
// a party's from its membership items, staff's from the dispute indexes.
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DISPUTE_STATUSES, type DisputeStatus } from '../domain/dispute.ts';
import type { StartKey } from '../domain/page-cursor.ts';
import { storedDisputeFrom, type StoredDispute } from './dispute-item.ts';
import { documentClient, tableName } from './document-client.ts';
import { queryPage, type Page } from './query-page.ts';
import { INDEX, KEY, gsiValues, keys } from './table-keys.ts';

export type ListAudience = { kind: 'party'; userId: number } | { kind: 'staff' };

export async function listDisputes(
  audience: ListAudience,
  status: DisputeStatus | undefined,
  page: { limit: number; startKey: StartKey | null },
): Promise<Page<StoredDispute>> {
  const table = tableName();
  const query = (() => {
    if (audience.kind === 'party' && status === undefined) {
      return {
        input: {
          TableName: table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.userPartition(audience.userId), ':prefix': 'DISPUTE#' },
        },
        keyAttributes: [KEY.pk, KEY.sk],
      };
    }
    if (audience.kind === 'staff' && status === undefined) {
      return {
        input: { TableName: table, IndexName: INDEX.gsi2, KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': gsiValues.allDisputes } },
        keyAttributes: [KEY.gsi2pk, KEY.gsi2sk, KEY.pk, KEY.sk],
      };
    }
    const partition =
      audience.kind === 'party' ? gsiValues.membershipStatus(audience.userId, status!) : gsiValues.disputeStatus(status!);
    return {
      input: { TableName: table, IndexName: INDEX.gsi1, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': partition } },
      keyAttributes: [KEY.gsi1pk, KEY.gsi1sk, KEY.pk, KEY.sk],
    };
  })();

  const result = await queryPage({ ...query.input, ScanIndexForward: false }, { ...page, keyAttributes: query.keyAttributes });
  const ids = result.items.map((item) => Number(audience.kind === 'party' ? item['dispute_id'] : item['id']));
  return { items: await getDisputes(ids), nextKey: result.nextKey };
}

/** The disputes with these ids, in the same order (consistent reads). */
async function getDisputes(ids: number[]): Promise<StoredDispute[]> {
  const table = tableName();
  const found = new Map<number, StoredDispute>();
  let pending: Record<string, unknown>[] = ids.map((id) => keys.dispute(id));
  while (pending.length > 0) {
    const result = await documentClient.send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of result.Responses?.[table] ?? []) {
      const stored = storedDisputeFrom(item);
      found.set(stored.dispute.id, stored);
    }
    pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

/** How many disputes match, from the counters kept with every status change. */
export async function countDisputes(audience: ListAudience, status: DisputeStatus | undefined): Promise<number> {
  const key = audience.kind === 'party' ? keys.userStats(audience.userId) : keys.allStats();
  const result = await documentClient.send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }));
  const counts = result.Item ?? {};
  const statuses: readonly DisputeStatus[] = status === undefined ? DISPUTE_STATUSES : [status];
  return statuses.reduce((sum, name) => sum + Math.max(0, Number(counts[name] ?? 0)), 0);
}
