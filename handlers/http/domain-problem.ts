// The domain's refusals as the problems the contract answers them with: one
// problem per error, with the same status, code, detail and extensions.
import type { DisputeError, DisputeState, DomainError } from '../domain/dispute-errors.ts';
import { ConflictProblem, ForbiddenProblem, type HttpProblem, NotFoundProblem, PreconditionFailedProblem } from '../problems/problem.ts';

export function problemFor(error: DomainError): HttpProblem {
  // Every DomainError subclass is a member of DisputeError; the switch covers them all.
  const refusal = error as DisputeError;
  switch (refusal.kind) {
    case 'dispute_not_found':
    case 'evidence_not_found':
      return new NotFoundProblem(refusal.message);
    case 'action_forbidden':
      return new ForbiddenProblem(refusal.message);
    case 'transition_refused':
      return new ConflictProblem('transition_not_allowed', refusal.message, conflictBody(refusal.state));
    case 'dispute_changed':
      return new ConflictProblem('dispute_changed', refusal.message, conflictBody(refusal.state));
    case 'evidence_limit_reached':
      return new ConflictProblem('evidence_limit_reached', refusal.message, conflictBody(refusal.state));
    case 'version_mismatch':
      return new PreconditionFailedProblem(refusal.currentVersion);
    default:
      return unreachable(refusal);
  }
}

/** The 409's members, in the contract's spelling. */
function conflictBody(state: DisputeState) {
  return { allowed_actions: state.allowedActions, current_status: state.currentStatus };
}

function unreachable(refusal: never): never {
  throw new Error(`No problem is known for ${String(refusal)}`);
}
