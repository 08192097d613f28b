// Dispute messages: appending one (with the dispute's counters, in one
// transaction) and reading pages, oldest first.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StartKey } from '../domain/page-cursor.ts';
import type { UserRef } from '../domain/dispute.ts';
import { activeStatusCondition } from './active-status-condition.ts';
import { isConditionalFailure } from './conditional-failure.ts';
import type { StoredDispute } from './dispute-item.ts';
import { documentClient, tableName } from './document-client.ts';
import { reserveSequences } from './dispute-sequences.ts';
import { queryPage, type Page } from './query-page.ts';
import { INDEX, KEY, gsiValues, keys } from './table-keys.ts';
import { messageItem, type NewMessage } from './timeline-items.ts';

export interface StoredMessage {
  id: number;
  sender: UserRef | null;
  message: string;
  is_internal: boolean;
  is_system: boolean;
  created_at: string;
}

/** The new message's id, or `conflict` when the dispute is no longer active. */
export async function appendMessage(before: StoredDispute, message: NewMessage): Promise<number | 'conflict'> {
  const table = tableName();
  const id = before.dispute.id;
  const reserved = await reserveSequences(id, ['msg_seq']);
  if (!reserved) return 'conflict';
  const seq = reserved.msg_seq;
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: keys.dispute(id),
              UpdateExpression: 'ADD all_messages :one, public_messages :public',
              ...activeStatusCondition,
              ExpressionAttributeValues: {
                ...activeStatusCondition.ExpressionAttributeValues,
                ':one': 1,
                ':public': message.is_internal ? 0 : 1,
              },
            },
          },
          { Put: { TableName: table, Item: messageItem(id, seq, message), ConditionExpression: 'attribute_not_exists(PK)' } },
        ],
      }),
    );
  } catch (error) {
    if (isConditionalFailure(error)) return 'conflict';
    throw error;
  }
  return seq;
}

/** Staff read every message from the base table; parties read the public index only. */
export async function listMessages(
  disputeId: number,
  audience: 'staff' | 'party',
  page: { limit: number; startKey: StartKey | null },
): Promise<Page<StoredMessage>> {
  const result =
    audience === 'staff'
      ? await queryPage(
          {
            TableName: tableName(),
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :msg)',
            ExpressionAttributeValues: { ':pk': keys.dispute(disputeId).PK, ':msg': 'MSG#' },
            ScanIndexForward: true,
            ConsistentRead: true,
          },
          { ...page, keyAttributes: [KEY.pk, KEY.sk] },
        )
      : await queryPage(
          {
            TableName: tableName(),
            IndexName: INDEX.gsi1,
            KeyConditionExpression: 'GSI1PK = :pk',
            ExpressionAttributeValues: { ':pk': gsiValues.publicMessages(disputeId) },
            ScanIndexForward: true,
          },
          { ...page, keyAttributes: [KEY.gsi1pk, KEY.gsi1sk, KEY.pk, KEY.sk] },
        );
  return { items: result.items.map(storedMessageFrom), nextKey: result.nextKey };
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
