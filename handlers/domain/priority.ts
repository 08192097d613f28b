import { DISPUTE_PRIORITIES, type DisputePriority } from './dispute.ts';

const LADDER: readonly DisputePriority[] = DISPUTE_PRIORITIES;

/** One step up; `urgent` stays `urgent`. */
export function raisePriority(priority: DisputePriority): DisputePriority {
  const next = LADDER[LADDER.indexOf(priority) + 1];
  return next ?? 'urgent';
}
