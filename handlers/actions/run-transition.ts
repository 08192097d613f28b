// The shared flow of every state change: read, check If-Match and the rules,
// compute the change, commit it in one transaction. When the commit loses a
// race: 412 if the caller pinned a version, 409 if the dispute moved on, and a
// quiet retry otherwise.
import { MAX_ATTEMPTS, keptConflicting, pauseBeforeRetry } from './contention-retry.ts';
import type { StoredDispute } from '../data/dispute-item.ts';
import { getStoredDispute } from '../data/dispute-repository.ts';
import { commitTransition } from '../data/transition-repository.ts';
import type { Caller } from '../domain/dispute.ts';
import { allowedActions, decide } from '../domain/dispute-rules.ts';
import { COMMAND_ACTION, applyCommand, type DisputeCommand } from '../domain/dispute-transitions.ts';
import { ConflictProblem, NotFoundProblem, PreconditionFailedProblem } from '../http/problem.ts';
import { actorRef, conflictState, loadVisibleDispute, requireAllowed } from './dispute-access.ts';

export interface TransitionRequest {
  disputeId: number;
  caller: Caller;
  ifMatch: number | undefined;
  /** Chooses the command once the current dispute is known (PATCH /status needs it). */
  command: (stored: StoredDispute) => DisputeCommand;
  /** Authorization beyond the rules table, e.g. staff-only routes; runs before If-Match. */
  precheck?: (stored: StoredDispute) => void;
  clock?: () => Date;
}

export async function runTransition(request: TransitionRequest): Promise<StoredDispute> {
  const { disputeId, caller, ifMatch } = request;
  const clock = request.clock ?? (() => new Date());
  let stored = await loadVisibleDispute(disputeId, caller);
  for (let attempt = 1; ; attempt += 1) {
    // Authorization first (403), then the caller's precondition (412), then the state rules (409).
    request.precheck?.(stored);
    const command = request.command(stored);
    const action = COMMAND_ACTION[command.kind];
    if (decide(action, stored.dispute, caller) === 'forbidden') requireAllowed(action, stored.dispute, caller);
    if (ifMatch !== undefined && stored.dispute.version !== ifMatch) {
      throw new PreconditionFailedProblem(stored.dispute.version);
    }
    requireAllowed(action, stored.dispute, caller);
    const actor = await actorRef(caller, stored.dispute);
    const transition = applyCommand(stored.dispute, command, actor, clock().toISOString());
    const committed = await commitTransition(stored, transition, caller.id);
    if (committed !== 'conflict') return committed;

    const latest = await getStoredDispute(disputeId);
    if (!latest) throw new NotFoundProblem(`Dispute ${disputeId} not found`);
    if (latest.dispute.version !== stored.dispute.version) {
      if (ifMatch !== undefined) throw new PreconditionFailedProblem(latest.dispute.version);
      const stillAllowed = allowedActions(latest.dispute, caller).includes(action);
      throw new ConflictProblem(
        stillAllowed ? 'dispute_changed' : 'transition_not_allowed',
        `The dispute changed to ${latest.dispute.status} (version ${latest.dispute.version}) while this request was processed`,
        conflictState(latest.dispute, caller),
      );
    }
    if (attempt >= MAX_ATTEMPTS) throw keptConflicting(latest.dispute, caller);
    await pauseBeforeRetry(attempt);
    stored = latest;
  }
}
