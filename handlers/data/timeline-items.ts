// Message and timeline event items, written by several stores.
import type { DisputeStatus, UserRef } from '../domain/dispute.ts';
import { KEY_PREFIX, gsiValues, keys, pad } from './table-keys.ts';

export interface NewMessage {
  sender: UserRef | null;
  message: string;
  is_internal: boolean;
  is_system: boolean;
  created_at: string;
}

export function messageItem(disputeId: number, seq: number, message: NewMessage): Record<string, unknown> {
  const publicKeys = message.is_internal ? {} : { GSI1PK: gsiValues.publicMessages(disputeId), GSI1SK: `${KEY_PREFIX.message}${pad(seq)}` };
  return { ...keys.message(disputeId, seq), ...publicKeys, id: seq, ...message };
}

export interface NewTimelineEvent {
  type: string;
  actor_id: number;
  from: DisputeStatus | null;
  to: DisputeStatus | null;
  created_at: string;
}

export function timelineEventItem(disputeId: number, seq: number, event: NewTimelineEvent): Record<string, unknown> {
  return { ...keys.event(disputeId, event.created_at, seq), ...event };
}

/** A system message: no sender, visible to everyone. */
export const systemMessage = (text: string, createdAt: string): NewMessage => ({
  sender: null,
  message: text,
  is_internal: false,
  is_system: true,
  created_at: createdAt,
});
