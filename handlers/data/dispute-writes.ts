// Writing disputes: opening one (id counter, then one transaction) and
// committing a transition as a single TransactWriteItems: the dispute
// (conditioned on the status and version that were read), memberships, status
// counters, the project's active marker, a timeline event and a system message.
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isActiveStatus, type Dispute } from '../domain/dispute.ts';
import type { Transition } from '../domain/dispute-transitions.ts';
import { cancellationReasons, unlessConditionFails } from './conditional-failure.ts';
import { INITIAL_COUNTERS, disputeItem, mutableFields, type StoredDispute } from './dispute-item.ts';
import { reserveSequences } from './dispute-sequences.ts';
import type { Table } from './table.ts';
import { gsiValues, keys } from './table-keys.ts';
import { messageItem, systemMessage, timelineEventItem } from './timeline-items.ts';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export type CreateOutcome = { created: StoredDispute } | { conflict: 'active_dispute_exists' };

export type DisputeWrites = ReturnType<typeof createDisputeWrites>;

export function createDisputeWrites(table: Table) {
  return {
    /** The next dispute id from the atomic counter. */
    async allocateId(): Promise<number> {
      const result = await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keys.disputeCounter(),
          UpdateExpression: 'ADD #value :one',
          ExpressionAttributeNames: { '#value': 'value' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(result.Attributes?.['value']);
    },

    /**
     * Writes a new open dispute with its memberships, counters, the project's
     * active-dispute marker, a timeline event and a system message — all or nothing.
     */
    async create(dispute: Dispute, systemText: string): Promise<CreateOutcome> {
      const counters = INITIAL_COUNTERS;
      const parties = [dispute.initiator.id, dispute.respondent.id];
      const statusCounter = (key: Record<string, string>): TransactItem => ({
        Update: {
          TableName: table.name,
          Key: key,
          UpdateExpression: 'ADD #status :one',
          ExpressionAttributeNames: { '#status': dispute.status },
          ExpressionAttributeValues: { ':one': 1 },
        },
      });
      const projectIndex = 0;
      const items: TransactItem[] = [
        {
          // One active dispute per project.
          Update: {
            TableName: table.name,
            Key: keys.project(dispute.project.id),
            UpdateExpression: 'SET active_dispute_id = :id',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(active_dispute_id)',
            ExpressionAttributeValues: { ':id': dispute.id },
          },
        },
        { Put: { TableName: table.name, Item: disputeItem(dispute, counters), ConditionExpression: 'attribute_not_exists(PK)' } },
        ...parties.map((userId): TransactItem => {
          const key = keys.membership(userId, dispute.created_at, dispute.id);
          const Item = {
            ...key,
            GSI1PK: gsiValues.membershipStatus(userId, dispute.status),
            GSI1SK: key.SK,
            dispute_id: dispute.id,
            status: dispute.status,
          };
          return { Put: { TableName: table.name, Item } };
        }),
        ...parties.map((userId) => statusCounter(keys.userStats(userId))),
        statusCounter(keys.allStats()),
        {
          Put: {
            TableName: table.name,
            Item: timelineEventItem(dispute.id, 1, {
              type: 'created',
              actor_id: dispute.initiator.id,
              from: null,
              to: dispute.status,
              created_at: dispute.created_at,
            }),
          },
        },
        { Put: { TableName: table.name, Item: messageItem(dispute.id, 1, systemMessage(systemText, dispute.created_at)) } },
      ];
      const outcome = await unlessConditionFails(table.client.send(new TransactWriteCommand({ TransactItems: items })), (error) => {
        // Only the project's condition is a conflict a valid request can meet; any other is a fault.
        if (!failedAt(error, projectIndex)) throw error;
        return 'conflict' as const;
      });
      return outcome === 'conflict' ? { conflict: 'active_dispute_exists' } : { created: { dispute, counters } };
    },

    /** The stored dispute after the change, or `conflict` when another write got there first. */
    async commitTransition(before: StoredDispute, transition: Transition, actorId: number): Promise<StoredDispute | 'conflict'> {
      const { next, event } = transition;
      const id = next.id;
      const reserved = await reserveSequences(table, id, ['msg_seq', 'event_seq']);
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
      for (const field of mutableFields(next)) {
        names[`#${field}`] = field;
        values[`:${field}`] = next[field];
        assignments.push(`#${field} = :${field}`);
      }

      const items: TransactItem[] = [
        {
          Update: {
            TableName: table.name,
            Key: keys.dispute(id),
            UpdateExpression: `SET ${assignments.join(', ')} ADD public_messages :one, all_messages :one`,
            ConditionExpression: '#status = :expectedStatus AND #version = :expectedVersion',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        {
          Put: {
            TableName: table.name,
            Item: timelineEventItem(id, counters.event_seq, { ...event, actor_id: actorId, created_at: next.updated_at }),
          },
        },
        {
          Put: {
            TableName: table.name,
            Item: messageItem(id, counters.msg_seq, systemMessage(transition.message, next.updated_at)),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ];
      if (event.from !== event.to) items.push(...statusMoveItems(table.name, before, transition));

      const committed = await unlessConditionFails(
        table.client.send(new TransactWriteCommand({ TransactItems: items })),
        () => 'conflict' as const,
      );
      return committed === 'conflict' ? committed : { dispute: next, counters };
    },
  };
}

function failedAt(error: Error, index: number): boolean {
  const reasons = cancellationReasons(error);
  // Without per-item reasons, the project condition is the only one a valid request can fail.
  return reasons === undefined || reasons.length === 0 || reasons[index]?.Code === 'ConditionalCheckFailed';
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
