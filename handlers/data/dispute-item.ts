// The dispute item as stored (docs/data-model.md): the dispute's fields, its
// index keys and the sequence counters kept on it.
import type { Dispute } from '../domain/dispute.ts';
import { gsiValues, keys } from './table-keys.ts';

export interface DisputeCounters {
  msg_seq: number;
  public_messages: number;
  all_messages: number;
  evidence_seq: number;
  event_seq: number;
}

export interface StoredDispute {
  dispute: Dispute;
  counters: DisputeCounters;
}

export const COUNTER_NAMES = ['msg_seq', 'public_messages', 'all_messages', 'evidence_seq', 'event_seq'] as const;

/** A new dispute's counters: its first system message and timeline event are written with it. */
export const INITIAL_COUNTERS: DisputeCounters = { msg_seq: 1, public_messages: 1, all_messages: 1, evidence_seq: 0, event_seq: 1 };

/** The dispute fields a transition may change (everything but identity and creation data). */
export const MUTABLE_FIELDS = [
  'status',
  'priority',
  'resolution',
  'resolution_type',
  'amount_resolved',
  'accepted_by',
  'escalation_reason',
  'mediator',
  'updated_at',
  'resolved_at',
  'closed_at',
  'version',
] as const satisfies readonly (keyof Dispute)[];

export function disputeItem(dispute: Dispute, counters: DisputeCounters): Record<string, unknown> {
  return {
    ...keys.dispute(dispute.id),
    GSI1PK: gsiValues.disputeStatus(dispute.status),
    GSI1SK: gsiValues.disputeSort(dispute.created_at, dispute.id),
    GSI2PK: gsiValues.allDisputes,
    GSI2SK: gsiValues.disputeSort(dispute.created_at, dispute.id),
    ...dispute,
    ...counters,
  };
}

export function storedDisputeFrom(item: Record<string, unknown>): StoredDispute {
  const field = <K extends keyof Dispute>(name: K): Dispute[K] => item[name] as Dispute[K];
  const count = (name: keyof DisputeCounters): number => Number(item[name] ?? 0);
  return {
    dispute: {
      id: Number(field('id')),
      project: field('project'),
      initiator: field('initiator'),
      respondent: field('respondent'),
      reason: field('reason'),
      description: field('description'),
      status: field('status'),
      priority: field('priority'),
      amount_disputed: field('amount_disputed') ?? null,
      resolution: field('resolution') ?? null,
      resolution_type: field('resolution_type') ?? null,
      amount_resolved: field('amount_resolved') ?? null,
      accepted_by: (field('accepted_by') ?? []).map(Number),
      escalation_reason: field('escalation_reason') ?? null,
      mediator: field('mediator') ?? null,
      created_at: field('created_at'),
      updated_at: field('updated_at'),
      resolved_at: field('resolved_at') ?? null,
      closed_at: field('closed_at') ?? null,
      version: Number(field('version')),
    },
    counters: {
      msg_seq: count('msg_seq'),
      public_messages: count('public_messages'),
      all_messages: count('all_messages'),
      evidence_seq: count('evidence_seq'),
      event_seq: count('event_seq'),
    },
  };
}
