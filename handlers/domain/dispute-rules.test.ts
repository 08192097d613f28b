import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DISPUTE_ACTIONS, DISPUTE_STATUSES, type Caller, type DisputeAction, type DisputeStatus } from './dispute.ts';
import { ADAM, ALICE, BOB, CAROL, MARIA, aDispute, withProposal } from './dispute-fixtures.ts';
import { allowedActions, decide } from './dispute-rules.ts';

// The expected table, written out by hand (no pending proposal).
const EXPECTED: Record<DisputeStatus, Record<'initiator' | 'respondent' | 'mediator' | 'admin', DisputeAction[]>> = {
  open: {
    initiator: ['view', 'mediate', 'escalate', 'close', 'send_message', 'add_evidence'],
    respondent: ['view', 'mediate', 'escalate', 'send_message', 'add_evidence'],
    mediator: ['view', 'mediate', 'escalate', 'send_message', 'add_evidence'],
    admin: ['view', 'mediate', 'escalate', 'close', 'send_message', 'add_evidence'],
  },
  in_mediation: {
    initiator: ['view', 'escalate', 'send_message', 'add_evidence'],
    respondent: ['view', 'escalate', 'send_message', 'add_evidence'],
    mediator: ['view', 'escalate', 'propose_resolution', 'send_message', 'add_evidence'],
    admin: ['view', 'escalate', 'propose_resolution', 'close', 'send_message', 'add_evidence'],
  },
  escalated: {
    initiator: ['view', 'send_message', 'add_evidence'],
    respondent: ['view', 'send_message', 'add_evidence'],
    mediator: ['view', 'propose_resolution', 'send_message', 'add_evidence'],
    admin: ['view', 'propose_resolution', 'resolve', 'close', 'send_message', 'add_evidence'],
  },
  resolved: { initiator: ['view', 'close'], respondent: ['view', 'close'], mediator: ['view', 'close'], admin: ['view', 'close'] },
  closed: { initiator: ['view'], respondent: ['view'], mediator: ['view'], admin: ['view'] },
};
const CALLERS: Record<keyof (typeof EXPECTED)['open'], Caller> = { initiator: ALICE, respondent: BOB, mediator: MARIA, admin: ADAM };

// Actions a relation may never take, whatever the status: 403, not 409.
const NEVER: Record<keyof typeof CALLERS, DisputeAction[]> = {
  initiator: ['propose_resolution', 'resolve'],
  respondent: ['propose_resolution', 'resolve'],
  mediator: ['resolve', 'accept'],
  admin: ['accept'],
};

for (const status of DISPUTE_STATUSES) {
  for (const [relation, caller] of Object.entries(CALLERS) as [keyof typeof CALLERS, Caller][]) {
    test(`${relation} on a ${status} dispute`, () => {
      const dispute = aDispute({ status });
      assert.deepEqual(allowedActions(dispute, caller), EXPECTED[status][relation]);
      for (const action of DISPUTE_ACTIONS) {
        const expected = EXPECTED[status][relation].includes(action)
          ? 'allowed'
          : NEVER[relation].includes(action)
            ? 'forbidden'
            : 'conflict';
        assert.equal(decide(action, dispute, caller), expected, action);
      }
    });
  }
  test(`a non-party on a ${status} dispute learns nothing`, () => {
    const dispute = aDispute({ status });
    assert.deepEqual(allowedActions(dispute, CAROL), []);
    for (const action of DISPUTE_ACTIONS) assert.equal(decide(action, dispute, CAROL), 'not_found');
  });
}

test('a pending proposal lets each party accept once', () => {
  const dispute = withProposal();
  assert.ok(allowedActions(dispute, ALICE).includes('accept'));
  assert.ok(allowedActions(dispute, BOB).includes('accept'));
  const afterAlice = withProposal({ accepted_by: [1] });
  assert.equal(decide('accept', afterAlice, ALICE), 'conflict');
  assert.equal(decide('accept', afterAlice, BOB), 'allowed');
  assert.equal(decide('accept', withProposal({ status: 'escalated' }), BOB), 'allowed');
  assert.equal(decide('accept', dispute, MARIA), 'forbidden');
});

test('staff may act on disputes they are not a party to, regardless of ids', () => {
  assert.equal(decide('view', aDispute(), { id: 99, role: 'mediator' }), 'allowed');
});
