// What each command does to a dispute. The caller has already been checked
// against the rules table (dispute-rules.ts); these functions only compute the
// next state, the timeline event and the system message.
import {
  DISPUTE_PRIORITIES,
  type Dispute,
  type DisputeAction,
  type DisputePriority,
  type DisputeStatus,
  type ResolutionType,
  type UserRef,
} from './dispute.ts';

export interface ResolutionTerms {
  resolution: string;
  resolution_type: ResolutionType;
  amount_resolved: string | null;
}

export type DisputeCommand =
  | { kind: 'mediate'; note?: string }
  | { kind: 'escalate'; reason: string | null }
  | { kind: 'propose'; terms: ResolutionTerms }
  | { kind: 'resolve'; terms: ResolutionTerms; note?: string }
  | { kind: 'accept' }
  | { kind: 'close'; reason?: string };

export const COMMAND_ACTION: Record<DisputeCommand['kind'], DisputeAction> = {
  mediate: 'mediate',
  escalate: 'escalate',
  propose: 'propose_resolution',
  resolve: 'resolve',
  accept: 'accept',
  close: 'close',
};

export type TimelineEventType = 'mediation_started' | 'escalated' | 'resolution_proposed' | 'resolution_accepted' | 'resolved' | 'closed';

export interface Transition {
  next: Dispute;
  event: { type: TimelineEventType; from: DisputeStatus; to: DisputeStatus };
  /** Text of the system message written with the change. */
  message: string;
}

const withReason = (text: string, reason: string | null | undefined): string => (reason ? `${text}: ${reason}` : text);

export function displayName(user: UserRef): string {
  return user.name ?? `${user.role} #${user.id}`;
}

/** Applies an allowed command. `actor` is the caller's UserRef, `now` an ISO timestamp. */
export function applyCommand(dispute: Dispute, command: DisputeCommand, actor: UserRef, now: string): Transition {
  const base: Dispute = { ...dispute, accepted_by: [...dispute.accepted_by], updated_at: now, version: dispute.version + 1 };
  const by = displayName(actor);
  const asMediator = actor.role === 'mediator' ? { mediator: actor } : {};
  const move = (next: Dispute, type: TimelineEventType, message: string): Transition => ({
    next,
    event: { type, from: dispute.status, to: next.status },
    message,
  });

  switch (command.kind) {
    case 'mediate':
      return move(
        { ...base, ...asMediator, status: 'in_mediation' },
        'mediation_started',
        withReason(`Dispute moved to mediation by ${by}`, command.note),
      );
    case 'escalate':
      return move(
        {
          ...base,
          status: 'escalated',
          priority: raisePriority(dispute.priority),
          escalation_reason: command.reason,
          // Escalating is how a party rejects a pending proposal.
          resolution: null,
          resolution_type: null,
          amount_resolved: null,
          accepted_by: [],
        },
        'escalated',
        withReason(`Dispute escalated by ${by}`, command.reason),
      );
    case 'propose':
      return move({ ...base, ...asMediator, ...command.terms, accepted_by: [] }, 'resolution_proposed', `Resolution proposed by ${by}`);
    case 'resolve':
      return move(
        { ...base, ...command.terms, accepted_by: [], status: 'resolved', resolved_at: now },
        'resolved',
        withReason(`Dispute resolved by ${by} (binding decision)`, command.note),
      );
    case 'accept': {
      const accepted = [...base.accepted_by, actor.id];
      const bothAccepted = [dispute.initiator.id, dispute.respondent.id].every((id) => accepted.includes(id));
      return bothAccepted
        ? move(
            { ...base, accepted_by: accepted, status: 'resolved', resolved_at: now },
            'resolved',
            `Resolution accepted by ${by}; the dispute is resolved`,
          )
        : move({ ...base, accepted_by: accepted }, 'resolution_accepted', `Resolution accepted by ${by}`);
    }
    case 'close':
      return move({ ...base, status: 'closed', closed_at: now }, 'closed', withReason(`Dispute closed by ${by}`, command.reason));
  }
}

/** One step up the priority ladder (DISPUTE_PRIORITIES, lowest first); `urgent` stays `urgent`. */
export function raisePriority(priority: DisputePriority): DisputePriority {
  return DISPUTE_PRIORITIES[DISPUTE_PRIORITIES.indexOf(priority) + 1] ?? 'urgent';
}
