// The dispute as the domain sees it: plain data, no storage or HTTP concerns.
import type {
  Dispute as DisputeResponse,
  DisputeAction,
  DisputePriority,
  DisputeReason,
  DisputeStatus,
  ProjectRef,
  ResolutionType,
  Role,
  UserRef,
} from '../../contracts/api.ts';

export type { DisputeAction, DisputePriority, DisputeReason, DisputeStatus, ProjectRef, ResolutionType, Role, UserRef };

export const DISPUTE_STATUSES = ['open', 'in_mediation', 'escalated', 'resolved', 'closed'] as const satisfies readonly DisputeStatus[];
export const DISPUTE_REASONS = [
  'quality',
  'payment',
  'deadline',
  'communication',
  'scope',
  'other',
] as const satisfies readonly DisputeReason[];
/** Lowest first: escalation raises a dispute one step up this ladder. */
export const DISPUTE_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const satisfies readonly DisputePriority[];
export const RESOLUTION_TYPES = [
  'refund',
  'partial_refund',
  'redo_work',
  'compensation',
  'no_action',
] as const satisfies readonly ResolutionType[];
export const ACTIVE_STATUSES = ['open', 'in_mediation', 'escalated'] as const satisfies readonly DisputeStatus[];
export const ROLES = ['client', 'master', 'mediator', 'admin'] as const satisfies readonly Role[];
export const DISPUTE_ACTIONS = [
  'view',
  'mediate',
  'escalate',
  'propose_resolution',
  'resolve',
  'accept',
  'close',
  'send_message',
  'add_evidence',
] as const satisfies readonly DisputeAction[];

/** The authenticated user making the request. */
export interface Caller {
  readonly id: number;
  readonly role: Role;
}

/**
 * The stored state of a dispute that the rules look at and change: the
 * contract's Dispute without what is computed per caller or read beside it.
 * A new field is added to the contract, and to absentValues() below if a
 * dispute may lack it.
 */
export type Dispute = Omit<DisputeResponse, 'evidence_files' | 'messages_count' | 'allowed_actions'>;

/** What a dispute holds for each fact it does not have (yet): no proposal, no mediator, not closed... (a fresh object each time). */
export const absentValues = () =>
  ({
    amount_disputed: null,
    resolution: null,
    resolution_type: null,
    amount_resolved: null,
    accepted_by: [] as number[],
    escalation_reason: null,
    mediator: null,
    resolved_at: null,
    closed_at: null,
  }) satisfies Partial<Dispute>;

/** The facts fixed when a dispute is opened; every other field may change with a transition. */
export const IDENTITY_FIELDS = [
  'id',
  'project',
  'initiator',
  'respondent',
  'reason',
  'description',
  'amount_disputed',
  'created_at',
] as const satisfies readonly (keyof Dispute)[];

export function isActiveStatus(status: DisputeStatus): boolean {
  return (ACTIVE_STATUSES as readonly DisputeStatus[]).includes(status);
}

export function isStaff(role: Role): boolean {
  return role === 'mediator' || role === 'admin';
}

export function hasPendingProposal(dispute: Pick<Dispute, 'resolution' | 'resolution_type' | 'status'>): boolean {
  return isActiveStatus(dispute.status) && dispute.resolution !== null && dispute.resolution_type !== null;
}
