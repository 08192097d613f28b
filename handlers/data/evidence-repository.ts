// Evidence items of a dispute: registering one (with the dispute's evidence
// and event sequences, in one transaction) and listing them.
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { UserRef } from '../domain/dispute.ts';
import type { components } from '../../contracts/openapi.d.ts';
import { isConditionalFailure } from './conditional-failure.ts';
import type { StoredDispute } from './dispute-item.ts';
import { documentClient, tableName } from './document-client.ts';
import { keys } from './table-keys.ts';
import { timelineEventItem } from './timeline-items.ts';

export interface StoredEvidence {
  id: number;
  file_name: string;
  content_type: components['schemas']['EvidenceContentType'];
  size: number;
  description: string | null;
  status: 'pending' | 'uploaded';
  s3_key: string;
  uploaded_by: UserRef;
  created_at: string;
}

/**
 * Registers a pending evidence item, whose id and timeline event number were
 * reserved with reserveSequences; `conflict` when the dispute is no longer active.
 */
export async function addEvidence(before: StoredDispute, evidence: StoredEvidence, eventSeq: number): Promise<'added' | 'conflict'> {
  const table = tableName();
  const id = before.dispute.id;
  try {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: table,
              Key: keys.dispute(id),
              ConditionExpression: '#status IN (:open, :in_mediation, :escalated)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':open': 'open', ':in_mediation': 'in_mediation', ':escalated': 'escalated' },
            },
          },
          {
            Put: {
              TableName: table,
              Item: { ...keys.evidence(id, evidence.id), ...evidence },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: table,
              Item: timelineEventItem(id, eventSeq, {
                type: 'evidence_added',
                actor_id: evidence.uploaded_by.id,
                from: before.dispute.status,
                to: before.dispute.status,
                created_at: evidence.created_at,
              }),
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (isConditionalFailure(error)) return 'conflict';
    throw error;
  }
  return 'added';
}

export async function listEvidence(disputeId: number): Promise<StoredEvidence[]> {
  const items: StoredEvidence[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :evidence)',
        ExpressionAttributeValues: { ':pk': keys.dispute(disputeId).PK, ':evidence': 'EVIDENCE#' },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    items.push(...(result.Items ?? []).map(storedEvidenceFrom));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
}

function storedEvidenceFrom(item: Record<string, unknown>): StoredEvidence {
  return {
    id: Number(item['id']),
    file_name: String(item['file_name']),
    content_type: item['content_type'] as StoredEvidence['content_type'],
    size: Number(item['size']),
    description: typeof item['description'] === 'string' ? item['description'] : null,
    status: item['status'] === 'uploaded' ? 'uploaded' : 'pending',
    s3_key: String(item['s3_key']),
    uploaded_by: item['uploaded_by'] as UserRef,
    created_at: String(item['created_at']),
  };
}
