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
    ...dispute,
    evidence_files: evidence,
    messages_count: isStaff(caller.role) ? counters.all_messages : counters.public_messages,
    allowed_actions: allowedActions(dispute, caller),
  };
}
