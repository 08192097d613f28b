// Appending a message to a dispute: its number is reserved on the dispute
// item, then the message and the dispute's counters are written in one
// transaction, conditioned on the dispute still being active.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { activeStatusCondition } from './active-status-condition.ts';
import { unlessConditionFails } from './conditional-failure.ts';
import type { StoredDispute } from './dispute-item.ts';
import { reserveSequences } from './dispute-sequences.ts';
import type { Table } from './table.ts';
import { keys } from './table-keys.ts';
import { messageItem, type NewMessage } from './timeline-items.ts';

export type MessageWrites = ReturnType<typeof createMessageWrites>;

export function createMessageWrites(table: Table) {
  return {
    /** The new message's id, or `conflict` when the dispute is no longer active. */
    async append(before: StoredDispute, message: NewMessage): Promise<number | 'conflict'> {
      const id = before.dispute.id;
      const reserved = await reserveSequences(table, id, ['msg_seq']);
      if (!reserved) return 'conflict';
      const seq = reserved.msg_seq;
      const write = table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: table.name,
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
            { Put: { TableName: table.name, Item: messageItem(id, seq, message), ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        }),
      );
      return (await unlessConditionFails(write, () => 'conflict' as const)) === 'conflict' ? 'conflict' : seq;
    },
  };
}
