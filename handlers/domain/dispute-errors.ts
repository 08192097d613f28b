// What the rules refuse, in the domain's terms. Use cases throw these; each
// way in answers them its own way: the HTTP adapter as problem+json
// (handlers/http/domain-problem.ts), the S3 notification handler by logging
// and moving on, as a retry would meet the same refusal.
import type { DisputeAction, DisputeStatus } from './dispute.ts';

/** What the caller may do with the dispute now: told with every refusal that is about its state. */
export interface DisputeState {
  allowedActions: DisputeAction[];
  currentStatus: DisputeStatus;
}

export abstract class DomainError extends Error {
  abstract readonly kind: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The dispute does not exist, or the caller may not know that it does. */
export class DisputeNotFound extends DomainError {
  readonly kind = 'dispute_not_found';
  constructor(readonly disputeId: number) {
    super(`Dispute ${disputeId} not found`);
  }
}

/** No evidence item stages this upload key (a notification for a key nothing waits for). */
export class EvidenceNotFound extends DomainError {
  readonly kind = 'evidence_not_found';
  constructor(readonly uploadKey: string) {
    super(`No evidence item stages ${uploadKey}`);
  }
}

/** The caller's role may never do this, whatever the dispute's state; the message says why. */
export class ActionForbidden extends DomainError {
  readonly kind = 'action_forbidden';
}

/** The action is not allowed in the dispute's current state. */
export class TransitionRefused extends DomainError {
  readonly kind = 'transition_refused';
  constructor(
    message: string,
    readonly state: DisputeState,
  ) {
    super(message);
  }
}

/** The dispute kept changing under the request (or changed so that it must be looked at again). */
export class DisputeChanged extends DomainError {
  readonly kind = 'dispute_changed';
  constructor(
    message: string,
    readonly state: DisputeState,
  ) {
    super(message);
  }
}

/** The caller has added as many evidence files to the dispute as one person may. */
export class EvidenceLimitReached extends DomainError {
  readonly kind = 'evidence_limit_reached';
  constructor(
    readonly limit: number,
    readonly state: DisputeState,
  ) {
    super(`At most ${limit} evidence files per person and dispute`);
  }
}

/** The caller pinned a version (If-Match) that is no longer the dispute's. */
export class VersionMismatch extends DomainError {
  readonly kind = 'version_mismatch';
  constructor(readonly currentVersion: number) {
    super(`The dispute is at version ${currentVersion}`);
  }
}

/** Every refusal a use case can throw; a switch over `kind` covers them all. */
export type DisputeError =
  | DisputeNotFound
  | EvidenceNotFound
  | ActionForbidden
  | TransitionRefused
  | DisputeChanged
  | EvidenceLimitReached
  | VersionMismatch;
