// The list counts come from counters kept in the same transaction as every
// status change. The contract suite shares its identities with other tests
// and runs, so it cannot check a total; these tests do, on a table of their own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALICE, BOB, CAROL } from '../domain/dispute-fixtures.ts';
import { runTransition } from './run-transition.ts';
import { emulatedStores } from './test-fixtures/emulated-stores.ts';

test("each party's count and the staff count follow opening, closing and status filters exactly", async (t) => {
  const { deps, openDispute, advanceClock } = await emulatedStores(t);
  const opened = [];
  for (let round = 0; round < 5; round += 1) {
    advanceClock(1000);
    opened.push(await openDispute());
  }
  for (const dispute of opened.slice(0, 4)) {
    await runTransition(deps, { disputeId: dispute.id, caller: ALICE, ifMatch: undefined, command: () => ({ kind: 'close' }) });
  }
  for (const audience of [{ kind: 'party', userId: ALICE.id }, { kind: 'party', userId: BOB.id }, { kind: 'staff' }] as const) {
    assert.equal(await deps.disputes.count(audience, undefined), 5);
    assert.equal(await deps.disputes.count(audience, 'closed'), 4);
    assert.equal(await deps.disputes.count(audience, 'open'), 1);
    assert.equal(await deps.disputes.count(audience, 'in_mediation'), 0);
  }
  assert.equal(await deps.disputes.count({ kind: 'party', userId: CAROL.id }, undefined), 0);

  const page = await deps.disputes.list({ kind: 'party', userId: BOB.id }, undefined, { limit: 2, startKey: null });
  assert.deepEqual(
    page.items.map((stored) => stored.dispute.id),
    [opened[4]!.id, opened[3]!.id],
    'newest first',
  );
  assert.notEqual(page.nextKey, null);
});
