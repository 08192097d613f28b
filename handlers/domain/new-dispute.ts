// Opening a dispute: who the parties are and the dispute's first state.
import { absentValues, type Caller, type Dispute, type DisputePriority, type DisputeReason, type UserRef } from './dispute.ts';

export interface ProjectParties {
  id: number;
  title: string;
  client_id: number;
  master_id: number;
}

export interface PartyProfile {
  name: string | null;
  avatar: string | null;
}

export interface OpenDisputeInput {
  reason: DisputeReason;
  description: string;
  amount_disputed?: string | undefined;
  priority?: DisputePriority | undefined;
}

/** Which side of the project the caller is on; null when not a party. */
export function projectSide(project: ProjectParties, caller: Caller): 'client' | 'master' | null {
  if (project.client_id === caller.id) return 'client';
  if (project.master_id === caller.id) return 'master';
  return null;
}

export function openDispute(args: {
  id: number;
  input: OpenDisputeInput;
  project: ProjectParties;
  initiatorSide: 'client' | 'master';
  profiles: { client: PartyProfile | null; master: PartyProfile | null };
  now: string;
}): Dispute {
  const { project, profiles, initiatorSide } = args;
  const ref = (side: 'client' | 'master'): UserRef => ({
    id: side === 'client' ? project.client_id : project.master_id,
    name: profiles[side]?.name ?? null,
    avatar: profiles[side]?.avatar ?? null,
    role: side,
  });
  return {
    ...absentValues(),
    id: args.id,
    project: { id: project.id, title: project.title },
    initiator: ref(initiatorSide),
    respondent: ref(initiatorSide === 'client' ? 'master' : 'client'),
    reason: args.input.reason,
    description: args.input.description,
    status: 'open',
    priority: args.input.priority ?? 'medium',
    amount_disputed: args.input.amount_disputed ?? null,
    created_at: args.now,
    updated_at: args.now,
    version: 1,
  };
}
