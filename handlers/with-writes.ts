// Adds what writing routes share: the idempotency store (POST routes honour
// Idempotency-Key) and the dispute writes (opening and transitions).
import { createDisputeWrites } from './data/dispute-writes.ts';
import { createIdempotencyStore } from './data/idempotency-store.ts';
import type { BaseDependencies } from './base-dependencies.ts';

export function withWrites<T extends BaseDependencies>(base: T) {
  return { ...base, idempotency: createIdempotencyStore(base.table), disputeWrites: createDisputeWrites(base.table) };
}
