// runTransition against the real stores on an emulated table: the rules, the
// caller's precondition, and what a commit that loses a race becomes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keys } from '../data/table-keys.ts';
import { ALICE, BOB, MARIA } from '../domain/dispute-fixtures.ts';
import { DisputeChanged, TransitionRefused, VersionMismatch } from '../domain/dispute-errors.ts';
import { MAX_ATTEMPTS } from './contended-write.ts';
import { runTransition } from './run-transition.ts';
import { emulatedStores } from './test-fixtures/emulated-stores.ts';

test("a mediation request commits the transition with the clock's time and a new version", async (t) => {
  const { deps, openDispute, advanceClock } = await emulatedStores(t);
  const dispute = await openDispute();
  advanceClock(60_000);
  const stored = await runTransition(deps, { disputeId: dispute.id, caller: MARIA, ifMatch: 1, command: () => ({ kind: 'mediate' }) });
  assert.equal(stored.dispute.status, 'in_mediation');
  assert.equal(stored.dispute.version, 2);
  assert.equal(stored.dispute.updated_at, '2026-11-26T10:01:00.000Z');
  assert.deepEqual((await deps.disputes.get(dispute.id))?.dispute, stored.dispute);
});

test('a stale If-Match is a VersionMismatch naming the current version; nothing is written', async (t) => {
  const { deps, openDispute } = await emulatedStores(t);
  const dispute = await openDispute({ version: 3 });
  await assert.rejects(
    runTransition(deps, { disputeId: dispute.id, caller: ALICE, ifMatch: 2, command: () => ({ kind: 'escalate', reason: 'No answer' }) }),
    (error: unknown) => error instanceof VersionMismatch && error.currentVersion === 3,
  );
  assert.equal((await deps.disputes.get(dispute.id))?.dispute.status, 'open');
});

test('both parties escalate at once: one commits, the other is refused (TransitionRefused)', async (t) => {
  const { deps, openDispute } = await emulatedStores(t);
  const dispute = await openDispute();
  const escalate = (caller: typeof ALICE) =>
    runTransition(deps, { disputeId: dispute.id, caller, ifMatch: undefined, command: () => ({ kind: 'escalate', reason: 'Stuck' }) });
  const outcomes = await Promise.allSettled([escalate(ALICE), escalate(BOB)]);
  assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
  const rejected = outcomes.find((outcome) => outcome.status === 'rejected');
  assert.ok(rejected?.reason instanceof TransitionRefused, String(rejected?.reason));
  assert.equal((await deps.disputes.get(dispute.id))?.dispute.version, 2);
});

test('a commit that loses without the dispute changing is retried quietly', async (t) => {
  const { deps, openDispute, emulated } = await emulatedStores(t);
  const dispute = await openDispute();
  // The next message number is taken already, as if by a writer that reserved it first: the first commit loses.
  await emulated.put({ ...keys.message(dispute.id, 2), id: 2 });
  const stored = await runTransition(deps, {
    disputeId: dispute.id,
    caller: MARIA,
    ifMatch: undefined,
    command: () => ({ kind: 'mediate' }),
  });
  assert.equal(stored.dispute.status, 'in_mediation');
  assert.equal(stored.counters.msg_seq, 3);
});

test(`a commit that keeps losing is DisputeChanged after ${MAX_ATTEMPTS} attempts, never a 500`, async (t) => {
  const { deps, openDispute, emulated } = await emulatedStores(t);
  const dispute = await openDispute();
  for (let seq = 2; seq <= MAX_ATTEMPTS + 1; seq += 1) await emulated.put({ ...keys.message(dispute.id, seq), id: seq });
  await assert.rejects(
    runTransition(deps, { disputeId: dispute.id, caller: MARIA, ifMatch: undefined, command: () => ({ kind: 'mediate' }) }),
    (error: unknown) => error instanceof DisputeChanged,
  );
  assert.equal((await deps.disputes.get(dispute.id))?.dispute.status, 'open');
});
