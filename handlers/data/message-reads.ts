// Reading a dispute's messages, a page at a time, oldest first.
import type { StartKey } from '../domain/page-cursor.ts';
import type { UserRef } from '../domain/dispute.ts';
import { queryPage, type Page } from './query-page.ts';
import type { Table } from './table.ts';
import { INDEX, KEY, KEY_PREFIX, gsiValues, keys } from './table-keys.ts';

export interface StoredMessage {
  id: number;
  sender: UserRef | null;
  message: string;
  is_internal: boolean;
  is_system: boolean;
  created_at: string;
}

export type MessageReads = ReturnType<typeof createMessageReads>;

export function createMessageReads(table: Table) {
  return {
    /** Staff read every message from the base table; parties read the public index only. */
    async list(
      disputeId: number,
      audience: 'staff' | 'party',
      page: { limit: number; startKey: StartKey | null },
    ): Promise<Page<StoredMessage>> {
      const result =
        audience === 'staff'
          ? await queryPage(
              table,
              {
                KeyConditionExpression: 'PK = :pk AND begins_with(SK, :msg)',
                ExpressionAttributeValues: { ':pk': keys.dispute(disputeId).PK, ':msg': KEY_PREFIX.message },
                ScanIndexForward: true,
                ConsistentRead: true,
              },
              { ...page, keyAttributes: [KEY.pk, KEY.sk] },
            )
          : await queryPage(
              table,
              {
                IndexName: INDEX.gsi1,
                KeyConditionExpression: 'GSI1PK = :pk',
                ExpressionAttributeValues: { ':pk': gsiValues.publicMessages(disputeId) },
                ScanIndexForward: true,
              },
              { ...page, keyAttributes: [KEY.gsi1pk, KEY.gsi1sk, KEY.pk, KEY.sk] },
            );
      return { items: result.items.map(storedMessageFrom), nextKey: result.nextKey };
    },
  };
}

function storedMessageFrom(item: Record<string, unknown>): StoredMessage {
  return {
    id: Number(item['id']),
    sender: (item['sender'] as UserRef | null | undefined) ?? null,
    message: String(item['message']),
    is_internal: item['is_internal'] === true,
    is_system: item['is_system'] === true,
    created_at: String(item['created_at']),
  };
}
