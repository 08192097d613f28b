// The dispute item as stored (docs/data-model.md): the dispute's fields, its
// index keys and the sequence counters kept on it.
import { IDENTITY_FIELDS, absentValues, type Dispute } from '../domain/dispute.ts';
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

export const COUNTER_NAMES = [
  'msg_seq',
  'public_messages',
  'all_messages',
  'evidence_seq',
  'event_seq',
] as const satisfies readonly (keyof DisputeCounters)[];

/** A new dispute's counters: its first system message and timeline event are written with it. */
export const INITIAL_COUNTERS: DisputeCounters = { msg_seq: 1, public_messages: 1, all_messages: 1, evidence_seq: 0, event_seq: 1 };

/** The dispute fields a transition writes: all but those fixed at opening. */
export const mutableFields = (dispute: Dispute): (keyof Dispute)[] =>
  (Object.keys(dispute) as (keyof Dispute)[]).filter((field) => !(IDENTITY_FIELDS as readonly string[]).includes(field));

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

/**
 * The dispute and its counters from a stored item. Facts a dispute may lack
 * read as their absentValues(); numbers come back as numbers.
 */
export function storedDisputeFrom(item: Record<string, unknown>): StoredDispute {
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, ...fields } = item;
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));
  const dispute = { ...absentValues(), ...present } as unknown as Dispute & Record<string, unknown>;
  for (const counter of COUNTER_NAMES) delete dispute[counter];
  return {
    dispute: { ...dispute, id: Number(dispute.id), version: Number(dispute.version), accepted_by: dispute.accepted_by.map(Number) },
    counters: Object.fromEntries(COUNTER_NAMES.map((name) => [name, Number(item[name] ?? 0)])) as unknown as DisputeCounters,
  };
}
