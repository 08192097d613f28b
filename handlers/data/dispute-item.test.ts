import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withProposal } from '../domain/dispute-fixtures.ts';
import { INITIAL_COUNTERS, disputeItem, mutableFields, storedDisputeFrom } from './dispute-item.ts';

test('a dispute item reads back as the dispute and counters it was written from', () => {
  const dispute = withProposal({ accepted_by: [1], mediator: { id: 3, name: 'Maria', avatar: null, role: 'mediator' } });
  assert.deepEqual(storedDisputeFrom(disputeItem(dispute, INITIAL_COUNTERS)), { dispute, counters: INITIAL_COUNTERS });
});

test('facts an item lacks (written before they existed, or removed as null) read as absent; numbers as numbers', () => {
  const item = disputeItem(withProposal(), INITIAL_COUNTERS);
  for (const field of ['resolution', 'mediator', 'accepted_by', 'closed_at']) delete item[field];
  const stored = storedDisputeFrom({ ...item, version: '4', msg_seq: '9' });
  assert.equal(stored.dispute.resolution, null);
  assert.equal(stored.dispute.mediator, null);
  assert.deepEqual(stored.dispute.accepted_by, []);
  assert.equal(stored.dispute.closed_at, null);
  assert.equal(stored.dispute.version, 4);
  assert.equal(stored.counters.msg_seq, 9);
  assert.ok(!('PK' in stored.dispute) && !('msg_seq' in stored.dispute), 'keys and counters are not dispute fields');
});

test('a transition writes every field but those fixed at opening', () => {
  const fields = mutableFields(withProposal());
  assert.ok(fields.includes('status') && fields.includes('version') && fields.includes('accepted_by'));
  for (const fixed of ['id', 'project', 'initiator', 'respondent', 'created_at', 'amount_disputed'])
    assert.ok(!fields.includes(fixed as never), fixed);
});
