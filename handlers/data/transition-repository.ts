// Commits one dispute transition as a single TransactWriteItems: the dispute
// (conditioned on the status, version and sequence counters that were read),
// memberships, status counters, the project's active marker, a timeline event
// and a system message.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { isActiveStatus } from '../domain/dispute.ts';
import type { Transition } from '../domain/dispute-transitions.ts';
import { isConditionalFailure } from './conditional-failure.ts';
import { MUTABLE_FIELDS, type StoredDispute } from './dispute-item.ts';
import { documentClient, tableName } from './document-client.ts';
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
  const counters = {
    ...before.counters,
    msg_seq: before.counters.msg_seq + 1,
    public_messages: before.counters.public_messages + 1,
    all_messages: before.counters.all_messages + 1,
    event_seq: before.counters.event_seq + 1,
  };

  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {
    ':expectedStatus': before.dispute.status,
    ':expectedVersion': before.dispute.version,
    ':expectedMsgSeq': before.counters.msg_seq,
    ':expectedEventSeq': before.counters.event_seq,
    ':gsi1pk': gsiValues.disputeStatus(next.status),
  };
  const assignments = ['GSI1PK = :gsi1pk'];
  for (const field of MUTABLE_FIELDS) {
    names[`#${field}`] = field;
    values[`:${field}`] = next[field];
    assignments.push(`#${field} = :${field}`);
  }
  for (const counter of ['msg_seq', 'public_messages', 'all_messages', 'event_seq'] as const) {
    names[`#${counter}`] = counter;
    values[`:${counter}`] = counters[counter];
    assignments.push(`#${counter} = :${counter}`);
  }

  const items: TransactItem[] = [
    {
      Update: {
        TableName: table,
        Key: keys.dispute(id),
        UpdateExpression: `SET ${assignments.join(', ')}`,
        ConditionExpression:
          '#status = :expectedStatus AND #version = :expectedVersion AND #msg_seq = :expectedMsgSeq AND #event_seq = :expectedEventSeq',
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
