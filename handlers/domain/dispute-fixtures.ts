// Test data shared by the domain tests.
import { absentValues, type Caller, type Dispute } from './dispute.ts';

export const ALICE: Caller = { id: 1, role: 'client' };
export const BOB: Caller = { id: 2, role: 'master' };
export const MARIA: Caller = { id: 3, role: 'mediator' };
export const ADAM: Caller = { id: 4, role: 'admin' };
export const CAROL: Caller = { id: 5, role: 'client' };

export function aDispute(overrides: Partial<Dispute> = {}): Dispute {
  return {
    ...absentValues(),
    id: 7,
    project: { id: 123, title: 'Kitchen renovation' },
    initiator: { id: 1, name: 'Alice Client', avatar: null, role: 'client' },
    respondent: { id: 2, name: 'Bob Master', avatar: null, role: 'master' },
    reason: 'quality',
    description: 'Tiles are cracked',
    status: 'open',
    priority: 'medium',
    amount_disputed: '150.00',
    created_at: '2026-11-26T10:00:00.000Z',
    updated_at: '2026-11-26T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export const withProposal = (overrides: Partial<Dispute> = {}): Dispute =>
  aDispute({ status: 'in_mediation', resolution: 'Redo the tiles', resolution_type: 'redo_work', ...overrides });
