import type { DisputePriority } from './dispute.ts';

const LADDER: readonly DisputePriority[] = ['low', 'medium', 'high', 'urgent'];

/** One step up; `urgent` stays `urgent`. */
export function raisePriority(priority: DisputePriority): DisputePriority {
  const next = LADDER[LADDER.indexOf(priority) + 1];
  return next ?? 'urgent';
}
