// Commits one dispute transition as a single TransactWriteItems: the dispute
// (conditioned on the status and version that were read),
// memberships, status counters, the project's active marker, a timeline event
// and a system message.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { isActiveStatus } from '../domain/dispute.ts';
import type { Transition } from '../domain/dispute-transitions.ts';
import { isConditionalFailure } from './conditional-failure.ts';
import { MUTABLE_FIELDS, type StoredDispute } from './dispute-item.ts';
import { documentClient, tableName } from './document-client.ts';
import { reserveSequences } from './dispute-sequences.ts';
import { gsiValues, keys } from './table-keys.ts';
import { messageItem, systemMessage, timelineEventItem } from './timeline-items.ts';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** The stored dispute after the change, or `conflict` when another write got there first. */
export async function commitTransition(
  before: StoredDispute,
  transition: Transition,
  actorId: number,
): Promise<StoredDispute | 'conflict'> {
  const table = tableName();
  const { next, event } = transition;
  const id = next.id;
  const reserved = await reserveSequences(id, ['msg_seq', 'event_seq']);
  if (!reserved) return 'conflict';
  const counters = {
    ...before.counters,
    ...reserved,
    public_messages: before.counters.public_messages + 1,
    all_messages: before.counters.all_messages + 1,
  };

  const names: Record<string, string> = { '#status': 'status', '#version': 'version' };
  const values: Record<string, unknown> = {
    ':expectedStatus': before.dispute.status,
    ':expectedVersion': before.dispute.version,
    ':gsi1pk': gsiValues.disputeStatus(next.status),
    ':one': 1,
  };
  const assignments = ['GSI1PK = :gsi1pk'];
  for (const field of MUTABLE_FIELDS) {
    names[`#${field}`] = field;
    values[`:${field}`] = next[field];
    assignments.push(`#${field} = :${field}`);
  }

  const items: TransactItem[] = [
    {
      Update: {
        TableName: table,
        Key: keys.dispute(id),
        UpdateExpression: `SET ${assignments.join(', ')} ADD public_messages :one, all_messages :one`,
        ConditionExpression: '#status = :expectedStatus AND #version = :expectedVersion',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    {
      Put: {
        TableName: table,
        Item: timelineEventItem(id, counters.event_seq, { ...event, actor_id: actorId, created_at: next.updated_at }),
      },
    },
    {
      Put: {
        TableName: table,
        Item: messageItem(id, counters.msg_seq, systemMessage(transition.message, next.updated_at)),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];

  if (event.from !== event.to) items.push(...statusMoveItems(table, before, transition));

  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (isConditionalFailure(error)) return 'conflict';
    throw error;
  }
  return { dispute: next, counters };
}

/** Memberships, counters and the project marker follow the dispute's status. */
function statusMoveItems(table: string, before: StoredDispute, transition: Transition): TransactItem[] {
  const { dispute } = before;
  const from = dispute.status;
  const to = transition.next.status;
  const parties = [dispute.initiator.id, dispute.respondent.id];
  const counter = (key: Record<string, string>): TransactItem => ({
    Update: {
      TableName: table,
      Key: key,
      UpdateExpression: 'ADD #from :minusOne, #to :one',
      ExpressionAttributeNames: { '#from': from, '#to': to },
      ExpressionAttributeValues: { ':minusOne': -1, ':one': 1 },
    },
  });
  const items: TransactItem[] = [
    ...parties.map(
      (userId): TransactItem => ({
        Update: {
          TableName: table,
          Key: keys.membership(userId, dispute.created_at, dispute.id),
          UpdateExpression: 'SET #status = :to, GSI1PK = :gsi1pk',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': to, ':gsi1pk': gsiValues.membershipStatus(userId, to) },
        },
      }),
    ),
    ...parties.map((userId) => counter(keys.userStats(userId))),
    counter(keys.allStats()),
  ];
  if (isActiveStatus(from) && !isActiveStatus(to)) {
    items.push({
      Update: {
        TableName: table,
        Key: keys.project(dispute.project.id),
        UpdateExpression: 'REMOVE active_dispute_id',
        ConditionExpression: 'active_dispute_id = :id',
        ExpressionAttributeValues: { ':id': dispute.id },
      },
    });
  }
  return items;
}
