// Key attribute names and key values of the single table (docs/data-model.md).
// Ids inside keys are zero-padded to 12 digits so that they sort.
import type { DisputeStatus } from '../domain/dispute.ts';

export const KEY = {
  pk: 'PK',
  sk: 'SK',
  gsi1pk: 'GSI1PK',
  gsi1sk: 'GSI1SK',
  gsi2pk: 'GSI2PK',
  gsi2sk: 'GSI2SK',
} as const;

export const INDEX = { gsi1: 'GSI1', gsi2: 'GSI2' } as const;

export const pad = (id: number): string => String(id).padStart(12, '0');

/** Sort-key prefixes that queries match with begins_with; the keys below are built from them. */
export const KEY_PREFIX = { membership: 'DISPUTE#', message: 'MSG#', evidence: 'EVIDENCE#' } as const;

export const keys = {
  userPartition: (userId: number) => `USER#${userId}`,
  profile: (userId: number) => ({ PK: `USER#${userId}`, SK: 'PROFILE' }),
  project: (projectId: number) => ({ PK: `PROJECT#${projectId}`, SK: 'PROJECT' }),
  disputeCounter: () => ({ PK: 'COUNTER', SK: 'DISPUTE' }),
  dispute: (disputeId: number) => ({ PK: `DISPUTE#${disputeId}`, SK: 'DISPUTE' }),
  membership: (userId: number, createdAt: string, disputeId: number) => ({
    PK: `USER#${userId}`,
    SK: `${KEY_PREFIX.membership}${createdAt}#${pad(disputeId)}`,
  }),
  userStats: (userId: number) => ({ PK: `USER#${userId}`, SK: 'STATS' }),
  allStats: () => ({ PK: 'STATS', SK: 'DISPUTES' }),
  message: (disputeId: number, seq: number) => ({ PK: `DISPUTE#${disputeId}`, SK: `${KEY_PREFIX.message}${pad(seq)}` }),
  evidence: (disputeId: number, seq: number) => ({ PK: `DISPUTE#${disputeId}`, SK: `${KEY_PREFIX.evidence}${pad(seq)}` }),
  idempotency: (userId: number, key: string) => ({ PK: `IDEMPOTENCY#${userId}#${key}`, SK: 'IDEMPOTENCY' }),
  event: (disputeId: number, createdAt: string, seq: number) => ({
    PK: `DISPUTE#${disputeId}`,
    SK: `EVENT#${createdAt}#${pad(seq)}`,
  }),
  /** Written by the local emulator's seeder only: the seed data the table last got. */
  seedMarker: () => ({ PK: 'SEED', SK: 'VERSION' }),
};

export const gsiValues = {
  disputeStatus: (status: DisputeStatus) => `STATUS#${status}`,
  disputeSort: (createdAt: string, disputeId: number) => `${createdAt}#${pad(disputeId)}`,
  allDisputes: 'DISPUTES',
  membershipStatus: (userId: number, status: DisputeStatus) => `USER#${userId}#STATUS#${status}`,
  publicMessages: (disputeId: number) => `DISPUTE#${disputeId}#PUBLIC`,
};
