// Who may do what, in which status: the dispute state machine as a table.
// Every route (action routes and the staff PATCH /status) is checked here.
import {
  ACTIVE_STATUSES,
  DISPUTE_ACTIONS,
  DISPUTE_STATUSES,
  hasPendingProposal,
  isStaff,
  type Caller,
  type Dispute,
  type DisputeAction,
  type DisputeStatus,
} from './dispute.ts';

/** How the caller stands to one dispute. */
export type Relation = 'initiator' | 'respondent' | 'mediator' | 'admin' | 'outsider';
type Actor = Exclude<Relation, 'outsider'>;

interface Rule {
  readonly action: DisputeAction;
  readonly from: readonly DisputeStatus[];
  readonly who: readonly Actor[];
  /** An extra condition beyond status and relation. */
  readonly when?: (dispute: Dispute, caller: Caller) => boolean;
}

const PARTIES = ['initiator', 'respondent'] as const;
const STAFF = ['mediator', 'admin'] as const;
const ANYONE = [...PARTIES, ...STAFF] as const;

const awaitsCallersAcceptance = (dispute: Dispute, caller: Caller): boolean =>
  hasPendingProposal(dispute) && !dispute.accepted_by.includes(caller.id);

export const DISPUTE_RULES: readonly Rule[] = [
  { action: 'view', from: DISPUTE_STATUSES, who: ANYONE },
  { action: 'mediate', from: ['open'], who: ANYONE },
  { action: 'escalate', from: ['open', 'in_mediation'], who: ANYONE },
  { action: 'propose_resolution', from: ['in_mediation', 'escalated'], who: STAFF },
  { action: 'resolve', from: ['escalated'], who: ['admin'] },
  { action: 'accept', from: ['in_mediation', 'escalated'], who: PARTIES, when: awaitsCallersAcceptance },
  { action: 'close', from: ['open'], who: ['initiator'] },
  { action: 'close', from: ['resolved'], who: ANYONE },
  { action: 'close', from: ACTIVE_STATUSES, who: ['admin'] },
  { action: 'send_message', from: ACTIVE_STATUSES, who: ANYONE },
  { action: 'add_evidence', from: ACTIVE_STATUSES, who: ANYONE },
];

export function relationOf(dispute: Pick<Dispute, 'initiator' | 'respondent'>, caller: Caller): Relation {
  if (isStaff(caller.role)) return caller.role === 'admin' ? 'admin' : 'mediator';
  if (caller.id === dispute.initiator.id) return 'initiator';
  if (caller.id === dispute.respondent.id) return 'respondent';
  return 'outsider';
}

/**
 * `not_found`: the caller may not know the dispute exists; `forbidden`: the
 * caller's role never may do this; `conflict`: not in the dispute's current state.
 */
export type Decision = 'allowed' | 'not_found' | 'forbidden' | 'conflict';

export function decide(action: DisputeAction, dispute: Dispute, caller: Caller): Decision {
  const relation = relationOf(dispute, caller);
  if (relation === 'outsider') return 'not_found';
  const rulesForCaller = DISPUTE_RULES.filter((rule) => rule.action === action && rule.who.includes(relation));
  if (rulesForCaller.length === 0) return 'forbidden';
  const matches = rulesForCaller.some(
    (rule) => rule.from.includes(dispute.status) && (rule.when === undefined || rule.when(dispute, caller)),
  );
  return matches ? 'allowed' : 'conflict';
}

/** What this caller may do now, in the contract's DisputeAction order. */
export function allowedActions(dispute: Dispute, caller: Caller): DisputeAction[] {
  return DISPUTE_ACTIONS.filter((action) => decide(action, dispute, caller) === 'allowed');
}

export function canSee(dispute: Pick<Dispute, 'initiator' | 'respondent'>, caller: Caller): boolean {
  return relationOf(dispute, caller) !== 'outsider';
}
