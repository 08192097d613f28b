// Loading a dispute for a caller and checking an action against the rules
// table, turning the rule's verdict into the matching domain error.
import type { DirectoryReads } from '../data/directory-reads.ts';
import type { StoredDispute } from '../data/dispute-item.ts';
import type { DisputeReads } from '../data/dispute-reads.ts';
import type { Caller, Dispute, DisputeAction, UserRef } from '../domain/dispute.ts';
import { canSee, decide, relationOf } from '../domain/dispute-rules.ts';
import { ActionForbidden, DisputeNotFound, TransitionRefused } from '../domain/dispute-errors.ts';
import { conflictState } from './contended-write.ts';

/** The dispute, or DisputeNotFound when it does not exist or the caller may not know of it. */
export async function loadVisibleDispute(disputes: DisputeReads, disputeId: number, caller: Caller): Promise<StoredDispute> {
  const stored = await disputes.get(disputeId);
  if (!stored || !canSee(stored.dispute, caller)) throw new DisputeNotFound(disputeId);
  return stored;
}

export function requireAllowed(action: DisputeAction, dispute: Dispute, caller: Caller): void {
  switch (decide(action, dispute, caller)) {
    case 'allowed':
      return;
    case 'not_found':
      throw new DisputeNotFound(dispute.id);
    case 'forbidden':
      throw new ActionForbidden(`A ${caller.role} may not ${action} on this dispute`);
    case 'conflict':
      throw new TransitionRefused(`${action} is not allowed while the dispute is ${dispute.status}`, conflictState(dispute, caller));
  }
}

/** How the caller appears on messages and timeline entries. */
export async function actorRef(directory: DirectoryReads, caller: Caller, dispute: Dispute): Promise<UserRef> {
  const relation = relationOf(dispute, caller);
  if (relation === 'initiator') return dispute.initiator;
  if (relation === 'respondent') return dispute.respondent;
  const profile = await directory.profile(caller.id);
  return { id: caller.id, name: profile?.name ?? null, avatar: profile?.avatar ?? null, role: caller.role };
}
