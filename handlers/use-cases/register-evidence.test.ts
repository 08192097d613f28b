// registerEvidence against the real stores on an emulated table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALICE, BOB, CAROL } from '../domain/dispute-fixtures.ts';
import { DisputeNotFound, EvidenceLimitReached, TransitionRefused } from '../domain/dispute-errors.ts';
import { MAX_EVIDENCE_PER_USER, registerEvidence, type EvidenceDraft } from './register-evidence.ts';
import { runTransition } from './run-transition.ts';
import { emulatedStores } from './test-fixtures/emulated-stores.ts';

const draft: EvidenceDraft = {
  file_name: 'Счёт за работу.pdf',
  content_type: 'application/pdf',
  size: 1200,
  description: null,
  status: 'pending',
};

test("a pending item gets the next number, its served and staging keys, the caller as uploader and the clock's time", async (t) => {
  const { deps, openDispute } = await emulatedStores(t);
  const dispute = await openDispute();
  const first = await registerEvidence(deps, dispute.id, BOB, draft);
  const second = await registerEvidence(deps, dispute.id, ALICE, { ...draft, status: 'uploaded' });
  assert.deepEqual([first.id, second.id], [1, 2]);
  assert.equal(first.s3_key, `disputes/${dispute.id}/evidence/1/Счёт_за_работу.pdf`);
  assert.equal(first.upload_key, `uploads/disputes/${dispute.id}/1/Счёт_за_работу.pdf`);
  assert.equal(second.upload_key, undefined, 'a file sent in the request has no staging key');
  assert.equal(second.settled_at, second.created_at);
  assert.deepEqual(first.uploaded_by, dispute.respondent);
  assert.equal(first.created_at, '2026-11-26T10:00:00.000Z');
  assert.deepEqual(await deps.evidence.list(dispute.id), [first, second]);
});

test(`the ${MAX_EVIDENCE_PER_USER + 1}th item of one person is refused (EvidenceLimitReached); the other party is not limited by it`, async (t) => {
  const { deps, openDispute } = await emulatedStores(t);
  const dispute = await openDispute();
  for (let i = 0; i < MAX_EVIDENCE_PER_USER; i += 1) await registerEvidence(deps, dispute.id, ALICE, draft);
  await assert.rejects(registerEvidence(deps, dispute.id, ALICE, draft), (error: unknown) => error instanceof EvidenceLimitReached);
  assert.equal((await registerEvidence(deps, dispute.id, BOB, draft)).id, MAX_EVIDENCE_PER_USER + 1);
});

test('no evidence once the dispute is closed (TransitionRefused), and none for an outsider (DisputeNotFound); the hooks never run', async (t) => {
  const { deps, openDispute } = await emulatedStores(t);
  const dispute = await openDispute();
  const written: string[] = [];
  const hooks = { beforeWrite: async (key: string) => void written.push(key) };
  await assert.rejects(registerEvidence(deps, dispute.id, CAROL, draft, hooks), DisputeNotFound);
  await runTransition(deps, { disputeId: dispute.id, caller: ALICE, ifMatch: undefined, command: () => ({ kind: 'close' }) });
  await assert.rejects(registerEvidence(deps, dispute.id, ALICE, draft, hooks), (error: unknown) => error instanceof TransitionRefused);
  assert.deepEqual(written, []);
  assert.deepEqual(await deps.evidence.list(dispute.id), []);
});

test('a write that loses to a closing dispute undoes its hook, then the rules refuse it', async (t) => {
  const { deps, openDispute } = await emulatedStores(t);
  const dispute = await openDispute();
  const events: string[] = [];
  const hooks = {
    // The dispute closes between the checks and the write.
    beforeWrite: async (key: string) => {
      events.push(`put ${key}`);
      await runTransition(deps, { disputeId: dispute.id, caller: ALICE, ifMatch: undefined, command: () => ({ kind: 'close' }) });
    },
    afterLostWrite: async (key: string) => void events.push(`delete ${key}`),
  };
  await assert.rejects(
    registerEvidence(deps, dispute.id, ALICE, { ...draft, status: 'uploaded' }, hooks),
    (error: unknown) => error instanceof TransitionRefused,
  );
  assert.equal(events.length, 2);
  assert.equal(events[1], events[0]!.replace('put', 'delete'));
  assert.deepEqual(await deps.evidence.list(dispute.id), []);
});
