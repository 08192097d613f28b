// PATCH /status (the staff tool) as a command of the same transition table:
//   no status + resolution fields       → propose a resolution
//   status resolved + resolution fields  → binding decision (admin, escalated)
//   status in_mediation / escalated / closed → mediate / escalate / close;
//     `note` becomes the escalation reason or the close reason
//   status open → no transition leads back to open (409)
import type { DisputeStatus, ResolutionType } from './dispute.ts';
import type { DisputeCommand } from './dispute-transitions.ts';

export interface StatusUpdate {
  status?: DisputeStatus | undefined;
  resolution?: string | undefined;
  resolution_type?: ResolutionType | undefined;
  amount_resolved?: string | undefined;
  note?: string | undefined;
}

export type StatusUpdateIntent =
  | { ok: true; command: DisputeCommand }
  | { ok: true; command: null; reason: 'no_transition_to_open' }
  | { ok: false; errors: { path: string; message: string }[] };

export function statusUpdateIntent(update: StatusUpdate): StatusUpdateIntent {
  const hasTerms = update.resolution !== undefined || update.resolution_type !== undefined || update.amount_resolved !== undefined;
  const missingTerms = [
    ...(update.resolution === undefined ? [{ path: 'body.resolution', message: 'Required to propose or decide a resolution' }] : []),
    ...(update.resolution_type === undefined
      ? [{ path: 'body.resolution_type', message: 'Required to propose or decide a resolution' }]
      : []),
  ];
  const terms = () => ({
    resolution: update.resolution as string,
    resolution_type: update.resolution_type as ResolutionType,
    amount_resolved: update.amount_resolved ?? null,
  });

  if (update.status === undefined || update.status === 'resolved') {
    if (missingTerms.length > 0) return { ok: false, errors: missingTerms };
    return update.status === 'resolved'
      ? { ok: true, command: { kind: 'resolve', terms: terms(), ...(update.note ? { note: update.note } : {}) } }
      : { ok: true, command: { kind: 'propose', terms: terms() } };
  }
  if (hasTerms) {
    const field = ['resolution', 'resolution_type', 'amount_resolved'].find(
      (name) => name in update && update[name as keyof StatusUpdate] !== undefined,
    );
    return { ok: false, errors: [{ path: `body.${field}`, message: 'Resolution fields go with no status (proposal) or status resolved' }] };
  }
  switch (update.status) {
    case 'in_mediation':
      return { ok: true, command: { kind: 'mediate', ...(update.note ? { note: update.note } : {}) } };
    case 'escalated':
      return { ok: true, command: { kind: 'escalate', reason: update.note || null } };
    case 'closed':
      return { ok: true, command: { kind: 'close', ...(update.note ? { reason: update.note } : {}) } };
    case 'open':
      return { ok: true, command: null, reason: 'no_transition_to_open' };
  }
}
