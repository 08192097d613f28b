// A write that lost a race is read again and retried after a short random
// pause, so that competing writers spread out; one that keeps losing is a
// 409 for the caller, never a 500.
import type { Caller, Dispute } from '../domain/dispute.ts';
import { ConflictProblem } from '../http/problem.ts';
import { conflictState } from './dispute-access.ts';

export const MAX_ATTEMPTS = 8;

export function pauseBeforeRetry(attempt: number): Promise<void> {
  const ceiling = Math.min(200, 10 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

export function keptConflicting(dispute: Dispute, caller: Caller): ConflictProblem {
  return new ConflictProblem(
    'dispute_changed',
    `Dispute ${dispute.id} kept changing while this request was processed; try again`,
    conflictState(dispute, caller),
  );
}
