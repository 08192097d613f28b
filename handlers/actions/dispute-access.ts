// Loading a dispute for a caller and checking an action against the rules
// table, turning the rule's verdict into the matching problem.
import { getStoredDispute } from '../data/dispute-repository.ts';
import type { StoredDispute } from '../data/dispute-item.ts';
import { getProfile } from '../data/directory-repository.ts';
import type { Caller, Dispute, DisputeAction, UserRef } from '../domain/dispute.ts';
import { allowedActions, canSee, decide, relationOf } from '../domain/dispute-rules.ts';
import { ConflictProblem, ForbiddenProblem, NotFoundProblem } from '../http/problem.ts';

/** The dispute, or 404 when it does not exist or the caller may not know of it. */
export async function loadVisibleDispute(disputeId: number, caller: Caller): Promise<StoredDispute> {
  const stored = await getStoredDispute(disputeId);
  if (!stored || !canSee(stored.dispute, caller)) throw new NotFoundProblem(`Dispute ${disputeId} not found`);
  return stored;
}

export function conflictState(dispute: Dispute, caller: Caller) {
  return { allowed_actions: allowedActions(dispute, caller), current_status: dispute.status };
}

export function requireAllowed(action: DisputeAction, dispute: Dispute, caller: Caller): void {
  switch (decide(action, dispute, caller)) {
    case 'allowed':
      return;
    case 'not_found':
      throw new NotFoundProblem(`Dispute ${dispute.id} not found`);
    case 'forbidden':
      throw new ForbiddenProblem(`A ${caller.role} may not ${action} on this dispute`);
    case 'conflict':
      throw new ConflictProblem(
        'transition_not_allowed',
        `${action} is not allowed while the dispute is ${dispute.status}`,
        conflictState(dispute, caller),
      );
  }
}

/** How the caller appears on messages and timeline entries. */
export async function actorRef(caller: Caller, dispute: Dispute): Promise<UserRef> {
  const relation = relationOf(dispute, caller);
  if (relation === 'initiator') return dispute.initiator;
  if (relation === 'respondent') return dispute.respondent;
  const profile = await getProfile(caller.id);
  return { id: caller.id, name: profile?.name ?? null, avatar: profile?.avatar ?? null, role: caller.role };
}
