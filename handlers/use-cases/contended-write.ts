// The one way a use case writes against concurrent writers: read, check,
// commit conditioned on what was read; a commit that lost the race is read
// again and retried after a short random pause, so that competing writers
// spread out. One that keeps losing is DisputeChanged for the caller (a 409), never a 500.
import type { Caller, Dispute, DisputeAction } from '../domain/dispute.ts';
import { allowedActions } from '../domain/dispute-rules.ts';
import { DisputeChanged, TransitionRefused, VersionMismatch, type DisputeState } from '../domain/dispute-errors.ts';

export const MAX_ATTEMPTS = 8;

/** What one read–check–commit ended in: the result, or the dispute as read when the commit lost. */
export type AttemptOutcome<T> = { committed: T } | { lost: Dispute };

/** Waits before attempt `attempt + 1`; injectable so that tests need not sleep. */
export type Backoff = (attempt: number) => Promise<void>;

const randomBackoff: Backoff = (attempt) => {
  const ceiling = Math.min(200, 10 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
};

/**
 * Runs `attempt` until it commits. Each attempt reads afresh and checks again,
 * so a dispute that moved on is answered by the rules (the attempt throws);
 * after MAX_ATTEMPTS losses the caller gets DisputeChanged.
 */
export async function retryContendedWrite<T>(
  caller: Caller,
  attempt: (attemptNumber: number) => Promise<AttemptOutcome<T>>,
  backoff: Backoff = randomBackoff,
): Promise<T> {
  for (let n = 1; ; n += 1) {
    const outcome = await attempt(n);
    if ('committed' in outcome) return outcome.committed;
    if (n >= MAX_ATTEMPTS) {
      throw new DisputeChanged(
        `Dispute ${outcome.lost.id} kept changing while this request was processed; try again`,
        conflictState(outcome.lost, caller),
      );
    }
    await backoff(n);
  }
}

/**
 * The answer when a transition's commit lost because the dispute changed
 * version under it: VersionMismatch when the caller pinned the version it saw
 * (If-Match), else DisputeChanged if the action is still allowed, otherwise
 * TransitionRefused.
 */
export function changedUnderfoot(latest: Dispute, caller: Caller, action: DisputeAction, ifMatch: number | undefined): Error {
  if (ifMatch !== undefined) return new VersionMismatch(latest.version);
  const stillAllowed = allowedActions(latest, caller).includes(action);
  const message = `The dispute changed to ${latest.status} (version ${latest.version}) while this request was processed`;
  return stillAllowed
    ? new DisputeChanged(message, conflictState(latest, caller))
    : new TransitionRefused(message, conflictState(latest, caller));
}

/** What a refusal about the dispute's state tells the caller about it now. */
export function conflictState(dispute: Dispute, caller: Caller): DisputeState {
  return { allowedActions: allowedActions(dispute, caller), currentStatus: dispute.status };
}
