// The dispute as the domain sees it: plain data, no storage or HTTP concerns.
import type {
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
export const DISPUTE_REASONS = ['quality', 'payment', 'deadline', 'communication', 'scope', 'other'] as const satisfies readonly DisputeReason[];
/** Lowest first: escalation raises a dispute one step up this ladder. */
export const DISPUTE_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const satisfies readonly DisputePriority[];
export const RESOLUTION_TYPES = ['refund', 'partial_refund', 'redo_work', 'compensation', 'no_action'] as const satisfies readonly ResolutionType[];
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

/** The stored state of a dispute that the rules look at and change. */
export interface Dispute {
  id: number;
  project: ProjectRef;
  initiator: UserRef;
  respondent: UserRef;
  reason: DisputeReason;
  description: string;
  status: DisputeStatus;
  priority: DisputePriority;
  amount_disputed: string | null;
  resolution: string | null;
  resolution_type: ResolutionType | null;
  amount_resolved: string | null;
  accepted_by: number[];
  escalation_reason: string | null;
  mediator: UserRef | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  closed_at: string | null;
  version: number;
}

export function isActiveStatus(status: DisputeStatus): boolean {
  return (ACTIVE_STATUSES as readonly DisputeStatus[]).includes(status);
}

export function isStaff(role: Role): boolean {
  return role === 'mediator' || role === 'admin';
}

export function hasPendingProposal(dispute: Pick<Dispute, 'resolution' | 'resolution_type' | 'status'>): boolean {
  return isActiveStatus(dispute.status) && dispute.resolution !== null && dispute.resolution_type !== null;
}
