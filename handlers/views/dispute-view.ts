// The contract's Dispute for one caller: what they may do and how many
// messages they can see depend on who is asking.
import type { Dispute } from '../../contracts/api.ts';
import type { StoredDispute } from '../data/dispute-item.ts';
import { isStaff, type Caller } from '../domain/dispute.ts';
import { allowedActions } from '../domain/dispute-rules.ts';
import type { EvidenceView } from './evidence-view.ts';

export type DisputeView = Dispute;

export function disputeView(stored: StoredDispute, caller: Caller, evidence: EvidenceView[]): DisputeView {
  const { dispute, counters } = stored;
  return {
    id: dispute.id,
    project: dispute.project,
    initiator: dispute.initiator,
    respondent: dispute.respondent,
    reason: dispute.reason,
    description: dispute.description,
    status: dispute.status,
    priority: dispute.priority,
    amount_disputed: dispute.amount_disputed,
    resolution: dispute.resolution,
    resolution_type: dispute.resolution_type,
    amount_resolved: dispute.amount_resolved,
    accepted_by: dispute.accepted_by,
    escalation_reason: dispute.escalation_reason,
    mediator: dispute.mediator,
    evidence_files: evidence,
    messages_count: isStaff(caller.role) ? counters.all_messages : counters.public_messages,
    created_at: dispute.created_at,
    updated_at: dispute.updated_at,
    resolved_at: dispute.resolved_at,
    closed_at: dispute.closed_at,
    version: dispute.version,
    allowed_actions: allowedActions(dispute, caller),
  };
}
