import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusUpdateIntent } from './status-update.ts';

const terms = { resolution: 'Refund', resolution_type: 'refund' as const };

test('resolution fields without a status propose; with status resolved they decide', () => {
  assert.deepEqual(statusUpdateIntent({ ...terms, amount_resolved: '10.00' }), {
    ok: true,
    command: { kind: 'propose', terms: { ...terms, amount_resolved: '10.00' } },
  });
  assert.deepEqual(statusUpdateIntent({ status: 'resolved', ...terms, note: 'final' }), {
    ok: true,
    command: { kind: 'resolve', terms: { ...terms, amount_resolved: null }, note: 'final' },
  });
});

test('a proposal or decision needs both resolution and resolution_type', () => {
  const intent = statusUpdateIntent({ status: 'resolved', resolution: 'x' });
  assert.equal(intent.ok, false);
  assert.deepEqual(!intent.ok && intent.errors.map((e) => e.path), ['body.resolution_type']);
  const noteOnly = statusUpdateIntent({ note: 'hello' });
  assert.deepEqual(!noteOnly.ok && noteOnly.errors.map((e) => e.path), ['body.resolution', 'body.resolution_type']);
});

test('other statuses map to the action routes; note is the reason', () => {
  assert.deepEqual(statusUpdateIntent({ status: 'in_mediation' }), { ok: true, command: { kind: 'mediate' } });
  assert.deepEqual(statusUpdateIntent({ status: 'escalated', note: 'stuck' }), {
    ok: true,
    command: { kind: 'escalate', reason: 'stuck' },
  });
  assert.deepEqual(statusUpdateIntent({ status: 'escalated' }), { ok: true, command: { kind: 'escalate', reason: null } });
  assert.deepEqual(statusUpdateIntent({ status: 'closed', note: 'done' }), { ok: true, command: { kind: 'close', reason: 'done' } });
  assert.deepEqual(statusUpdateIntent({ status: 'open' }), { ok: true, command: null, reason: 'no_transition_to_open' });
});

test('resolution fields with a moving status are refused', () => {
  const intent = statusUpdateIntent({ status: 'closed', resolution_type: 'refund' });
  assert.deepEqual(!intent.ok && intent.errors.map((e) => e.path), ['body.resolution_type']);
});
