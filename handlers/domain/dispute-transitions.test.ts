import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aDispute, withProposal } from './dispute-fixtures.ts';
import { applyCommand, raisePriority } from './dispute-transitions.ts';

const NOW = '2026-11-26T12:00:00.000Z';
const alice = aDispute().initiator;
const bob = aDispute().respondent;
const maria = { id: 3, name: 'Maria Mediator', avatar: null, role: 'mediator' as const };
const adam = { id: 4, name: null, avatar: null, role: 'admin' as const };
const terms = { resolution: 'Refund half', resolution_type: 'partial_refund' as const, amount_resolved: '75.00' };

test('every transition bumps the version and stamps updated_at', () => {
  const { next, event, message } = applyCommand(aDispute(), { kind: 'mediate' }, alice, NOW);
  assert.equal(next.version, 2);
  assert.equal(next.updated_at, NOW);
  assert.deepEqual(event, { type: 'mediation_started', from: 'open', to: 'in_mediation' });
  assert.equal(message, 'Dispute moved to mediation by Alice Client');
  assert.equal(next.mediator, null);
});

test('a mediator who starts mediation or proposes becomes the mediator', () => {
  assert.deepEqual(applyCommand(aDispute(), { kind: 'mediate' }, maria, NOW).next.mediator, maria);
  const proposed = applyCommand(aDispute({ status: 'in_mediation' }), { kind: 'propose', terms }, maria, NOW).next;
  assert.deepEqual(proposed.mediator, maria);
  assert.equal(proposed.status, 'in_mediation');
  assert.equal(proposed.amount_resolved, '75.00');
  assert.deepEqual(proposed.accepted_by, []);
});

test('escalating raises the priority, records the reason and clears a pending proposal', () => {
  const { next } = applyCommand(withProposal({ accepted_by: [2], priority: 'high' }), { kind: 'escalate', reason: 'Unfair' }, alice, NOW);
  assert.equal(next.status, 'escalated');
  assert.equal(next.priority, 'urgent');
  assert.equal(next.escalation_reason, 'Unfair');
  assert.equal(next.resolution, null);
  assert.equal(next.resolution_type, null);
  assert.deepEqual(next.accepted_by, []);
});

test('priority goes up one step and stops at urgent', () => {
  assert.deepEqual(
    ['low', 'medium', 'high', 'urgent'].map((p) => raisePriority(p as 'low')),
    ['medium', 'high', 'urgent', 'urgent'],
  );
});

test('the dispute is resolved once both parties accept', () => {
  const first = applyCommand(withProposal(), { kind: 'accept' }, alice, NOW);
  assert.equal(first.next.status, 'in_mediation');
  assert.deepEqual(first.next.accepted_by, [1]);
  assert.equal(first.event.type, 'resolution_accepted');
  const second = applyCommand(first.next, { kind: 'accept' }, bob, NOW);
  assert.equal(second.next.status, 'resolved');
  assert.equal(second.next.resolved_at, NOW);
  assert.equal(second.event.type, 'resolved');
});

test('a binding decision resolves; closing stamps closed_at; nameless actors are named by role', () => {
  const decided = applyCommand(aDispute({ status: 'escalated' }), { kind: 'resolve', terms }, adam, NOW);
  assert.equal(decided.next.status, 'resolved');
  assert.equal(decided.next.resolution_type, 'partial_refund');
  assert.match(decided.message, /admin #4/);
  const closed = applyCommand(decided.next, { kind: 'close' }, bob, NOW).next;
  assert.equal(closed.status, 'closed');
  assert.equal(closed.closed_at, NOW);
});

test('the input dispute is not modified', () => {
  const dispute = withProposal();
  applyCommand(dispute, { kind: 'accept' }, alice, NOW);
  assert.deepEqual(dispute.accepted_by, []);
  assert.equal(dispute.version, 1);
});
