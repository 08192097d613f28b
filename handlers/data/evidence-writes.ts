// Writing evidence items: registering one (with the dispute's evidence and
// event sequences, in one transaction) and settling a pending one as uploaded
// or rejected exactly once.
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RejectionReason } from '../domain/evidence-upload-rules.ts';
import { activeStatusCondition } from './active-status-condition.ts';
import { unlessConditionFails } from './conditional-failure.ts';
import type { StoredDispute } from './dispute-item.ts';
import { reserveSequences } from './dispute-sequences.ts';
import { storedEvidenceFrom, type StoredEvidence } from './evidence-item.ts';
import { createEvidenceReads } from './evidence-reads.ts';
import type { Table } from './table.ts';
import { keys } from './table-keys.ts';
import { timelineEventItem } from './timeline-items.ts';

/** How a pending item ends: uploaded with the checked version's real size and ETag, or rejected with a reason. */
export type Settlement = { status: 'uploaded'; size: number; checked_etag: string } | { status: 'rejected'; reason: RejectionReason };

export type EvidenceWrites = ReturnType<typeof createEvidenceWrites>;

export function createEvidenceWrites(table: Table) {
  const reads = createEvidenceReads(table);
  return {
    /** The next evidence number and the timeline event number for it, or null when the dispute does not exist. */
    reserveNumbers: (disputeId: number) => reserveSequences(table, disputeId, ['evidence_seq', 'event_seq']),

    /**
     * Registers an evidence item (pending for the presigned flow, uploaded for a
     * file that came in the request), whose id and timeline event number were
     * reserved with reserveNumbers; `conflict` when the dispute is no longer active.
     */
    async add(before: StoredDispute, evidence: StoredEvidence, eventSeq: number): Promise<'added' | 'conflict'> {
      const id = before.dispute.id;
      const write = table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: table.name, Key: keys.dispute(id), ...activeStatusCondition } },
            {
              Put: {
                TableName: table.name,
                Item: { ...keys.evidence(id, evidence.id), ...evidence },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: table.name,
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
      return (await unlessConditionFails(write, () => 'conflict' as const)) === 'conflict' ? 'conflict' : 'added';
    },

    /**
     * pending → uploaded | rejected, conditioned on still being pending, so that
     * concurrent confirmations settle an item once and agree: the loser gets the
     * item as the winner left it. `won` says whether this call made the change.
     */
    async settle(
      disputeId: number,
      evidenceId: number,
      settlement: Settlement,
      now: Date,
    ): Promise<{ evidence: StoredEvidence; won: boolean } | null> {
      const detail =
        settlement.status === 'uploaded'
          ? { update: '#size = :size, checked_etag = :etag', values: { ':size': settlement.size, ':etag': settlement.checked_etag } }
          : { update: 'rejection_reason = :reason', values: { ':reason': settlement.reason } };
      const result = await unlessConditionFails(
        table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: keys.evidence(disputeId, evidenceId),
            UpdateExpression: `SET #status = :to, settled_at = :now, ${detail.update}`,
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status', ...(settlement.status === 'uploaded' ? { '#size': 'size' } : {}) },
            ExpressionAttributeValues: { ':to': settlement.status, ':pending': 'pending', ':now': now.toISOString(), ...detail.values },
            ReturnValues: 'ALL_NEW',
          }),
        ),
        () => null,
      );
      if (result) return { evidence: storedEvidenceFrom(result.Attributes ?? {}), won: true };
      const current = await reads.get(disputeId, evidenceId);
      return current ? { evidence: current, won: false } : null;
    },
  };
}
