// Evidence items of a dispute: registering one (with the dispute's evidence
// and event sequences, in one transaction), listing them, and settling a
// pending one as uploaded or rejected exactly once.
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { UserRef } from '../domain/dispute.ts';
import type { EvidenceContentType } from '../domain/content-sniffing.ts';
import type { RejectionReason } from '../domain/evidence-upload-rules.ts';
import { activeStatusCondition } from './active-status-condition.ts';
import { isConditionalFailure } from './conditional-failure.ts';
import type { StoredDispute } from './dispute-item.ts';
import { documentClient, tableName } from './document-client.ts';
import { keys } from './table-keys.ts';
import { timelineEventItem } from './timeline-items.ts';

export interface StoredEvidence {
  id: number;
  file_name: string;
  content_type: EvidenceContentType;
  /** Declared while pending; the object's real size once uploaded. */
  size: number;
  description: string | null;
  status: EvidenceStatus;
  /** The served key: `file_url` points here, and only checked bytes are written to it. */
  s3_key: string;
  /** Presigned flow only: the staging key the client's POST writes to; never served. */
  upload_key?: string;
  /** Presigned flow, once uploaded: the ETag of the upload version that was checked and copied to `s3_key`. */
  checked_etag?: string;
  uploaded_by: UserRef;
  created_at: string;
  /** When it left `pending`. */
  settled_at?: string;
  /** Why it was rejected; kept for support, not shown by the API. */
  rejection_reason?: RejectionReason;
}

export type EvidenceStatus = 'pending' | 'uploaded' | 'rejected';
const STATUSES: readonly string[] = ['pending', 'uploaded', 'rejected'] satisfies EvidenceStatus[];

/**
 * Registers an evidence item (pending for the presigned flow, uploaded for a
 * file that came in the request), whose id and timeline event number were
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
              ...activeStatusCondition,
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
    status: STATUSES.includes(String(item['status'])) ? (item['status'] as EvidenceStatus) : 'pending',
    s3_key: String(item['s3_key']),
    ...(typeof item['upload_key'] === 'string' ? { upload_key: item['upload_key'] } : {}),
    ...(typeof item['checked_etag'] === 'string' ? { checked_etag: item['checked_etag'] } : {}),
    uploaded_by: item['uploaded_by'] as UserRef,
    created_at: String(item['created_at']),
    ...(typeof item['settled_at'] === 'string' ? { settled_at: item['settled_at'] } : {}),
    ...(typeof item['rejection_reason'] === 'string' ? { rejection_reason: item['rejection_reason'] as RejectionReason } : {}),
  };
}

/** How a pending item ends: uploaded with the checked version's real size and ETag, or rejected with a reason. */
export type Settlement =
  | { status: 'uploaded'; size: number; checked_etag: string }
  | { status: 'rejected'; reason: RejectionReason };

/**
 * pending → uploaded | rejected, conditioned on still being pending, so that
 * concurrent readers settle an item once and agree: the loser gets the item
 * as the winner left it. `won` says whether this call made the change.
 */
export async function settleEvidence(
  disputeId: number,
  evidenceId: number,
  settlement: Settlement,
  now: Date,
): Promise<{ evidence: StoredEvidence; won: boolean } | null> {
  const detail =
    settlement.status === 'uploaded'
      ? { update: '#size = :size, checked_etag = :etag', values: { ':size': settlement.size, ':etag': settlement.checked_etag } }
      : { update: 'rejection_reason = :reason', values: { ':reason': settlement.reason } };
  try {
    const result = await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.evidence(disputeId, evidenceId),
        UpdateExpression: `SET #status = :to, settled_at = :now, ${detail.update}`,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status', ...(settlement.status === 'uploaded' ? { '#size': 'size' } : {}) },
        ExpressionAttributeValues: { ':to': settlement.status, ':pending': 'pending', ':now': now.toISOString(), ...detail.values },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { evidence: storedEvidenceFrom(result.Attributes ?? {}), won: true };
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
  }
  const current = await getEvidence(disputeId, evidenceId);
  return current ? { evidence: current, won: false } : null;
}

/** One evidence item as stored now (strongly consistent), or null. */
export async function getEvidence(disputeId: number, evidenceId: number): Promise<StoredEvidence | null> {
  const current = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: keys.evidence(disputeId, evidenceId), ConsistentRead: true }),
  );
  return current.Item ? storedEvidenceFrom(current.Item) : null;
}
