// Listing by status against the real store on an emulated table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emulatedStores } from '../use-cases/test-fixtures/emulated-stores.ts';
import { keys } from './table-keys.ts';

test('a status-filtered list leaves out a dispute that moved on between the index query and the read of the items', async (t) => {
  const { deps, openDispute, emulated } = await emulatedStores(t);
  const [stays, movesOn] = [await openDispute(), await openDispute()];
  // As if it closed after the status index was read: the item says closed, the index entry still says open.
  const { PK, SK } = keys.dispute(movesOn.id);
  await emulated.put({ ...(await emulated.get(PK, SK)), status: 'closed' });

  for (const audience of [{ kind: 'staff' as const }, { kind: 'party' as const, userId: stays.initiator.id }]) {
    const page = await deps.disputes.list(audience, 'open', { limit: 20, startKey: null });
    assert.deepEqual(
      page.items.map((stored) => stored.dispute.id),
      [stays.id],
      audience.kind,
    );
  }
  const all = await deps.disputes.list({ kind: 'staff' }, undefined, { limit: 20, startKey: null });
  assert.deepEqual(all.items.map((stored) => stored.dispute.id).sort(), [stays.id, movesOn.id].sort(), 'unfiltered, both are listed');
});
