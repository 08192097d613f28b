// Reading a dispute and creating one (id counter, then one transaction).
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Dispute } from '../domain/dispute.ts';
import { isConditionalFailure } from './conditional-failure.ts';
import { disputeItem, storedDisputeFrom, type DisputeCounters, type StoredDispute } from './dispute-item.ts';
import { documentClient, tableName } from './document-client.ts';
import { messageItem, systemMessage, timelineEventItem } from './timeline-items.ts';
import { gsiValues, keys } from './table-keys.ts';

export async function getStoredDispute(disputeId: number): Promise<StoredDispute | null> {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.dispute(disputeId), ConsistentRead: true }),
  );
  return result.Item ? storedDisputeFrom(result.Item) : null;
}

/** The next dispute id from the atomic counter. */
export async function allocateDisputeId(): Promise<number> {
  const result = await documentClient.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.disputeCounter(),
      UpdateExpression: 'ADD #value :one',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.['value']);
}

export type CreateOutcome = { created: StoredDispute } | { conflict: 'active_dispute_exists' };

/**
 * Writes a new open dispute with its memberships, counters, the project's
 * active-dispute marker, a timeline event and a system message — all or nothing.
 */
export async function createDispute(dispute: Dispute, systemText: string): Promise<CreateOutcome> {
  const table = tableName();
  const counters: DisputeCounters = { msg_seq: 1, public_messages: 1, all_messages: 1, evidence_seq: 0, event_seq: 1 };
  const parties = [dispute.initiator.id, dispute.respondent.id];
  const statusCounter = (key: Record<string, string>) => ({
    Update: {
      TableName: table,
      Key: key,
      UpdateExpression: 'ADD #status :one',
      ExpressionAttributeNames: { '#status': dispute.status },
      ExpressionAttributeValues: { ':one': 1 },
    },
  });
  const projectIndex = 0;
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            // One active dispute per project.
            Update: {
              TableName: table,
              Key: keys.project(dispute.project.id),
              UpdateExpression: 'SET active_dispute_id = :id',
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(active_dispute_id)',
              ExpressionAttributeValues: { ':id': dispute.id },
            },
          },
          {
            Put: {
              TableName: table,
              Item: disputeItem(dispute, counters),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...parties.map((userId) => {
            const key = keys.membership(userId, dispute.created_at, dispute.id);
            const Item = {
              ...key,
              GSI1PK: gsiValues.membershipStatus(userId, dispute.status),
              GSI1SK: key.SK,
              dispute_id: dispute.id,
              status: dispute.status,
            };
            return { Put: { TableName: table, Item } };
          }),
          ...parties.map((userId) => statusCounter(keys.userStats(userId))),
          statusCounter(keys.allStats()),
          {
            Put: {
              TableName: table,
              Item: timelineEventItem(dispute.id, 1, {
                type: 'created',
                actor_id: dispute.initiator.id,
                from: null,
                to: dispute.status,
                created_at: dispute.created_at,
              }),
            },
          },
          { Put: { TableName: table, Item: messageItem(dispute.id, 1, systemMessage(systemText, dispute.created_at)) } },
        ],
      }),
    );
  } catch (error) {
    if (isConditionalFailure(error) && failedAt(error, projectIndex)) return { conflict: 'active_dispute_exists' };
    throw error;
  }
  return { created: { dispute, counters } };
}

function failedAt(error: unknown, index: number): boolean {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  // Without per-item reasons, the project condition is the only one a valid request can fail.
  return reasons === undefined || reasons.length === 0 || reasons[index]?.Code === 'ConditionalCheckFailed';
}
