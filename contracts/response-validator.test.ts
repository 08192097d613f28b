import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Dispute } from './api.ts';
import { createResponseValidator, toJsonSchema } from './response-validator.ts';

const validator = createResponseValidator();

const party = (id: number, role: 'client' | 'master') => ({ id, name: null, avatar: null, role });
const dispute: Dispute = {
  id: 1,
  project: { id: 123, title: 'Kitchen renovation' },
  initiator: party(1, 'client'),
  respondent: party(2, 'master'),
  reason: 'quality',
  description: 'Test dispute',
  status: 'open',
  priority: 'medium',
  amount_disputed: '150.00',
  resolution: null,
  resolution_type: null,
  amount_resolved: null,
  accepted_by: [],
  escalation_reason: null,
  mediator: null,
  evidence_files: [],
  messages_count: 1,
  created_at: '2026-11-26T14:32:37.123Z',
  updated_at: '2026-11-26T14:32:37.123Z',
  resolved_at: null,
  closed_at: null,
  version: 1,
  allowed_actions: ['view', 'mediate'],
};

test('a dispute as the contract describes it passes', () => {
  assert.deepEqual(validator.check('GET', '/disputes/{id}', 200, 'application/json', dispute), { ok: true, problems: [] });
});

test('a missing required field, a wrong enum or a malformed date fails', () => {
  const { version: _dropped, ...withoutVersion } = dispute;
  assert.equal(validator.check('GET', '/disputes/{id}', 200, 'application/json', withoutVersion).ok, false);
  assert.equal(validator.check('GET', '/disputes/{id}', 200, 'application/json', { ...dispute, status: 'pending' }).ok, false);
  assert.equal(validator.check('GET', '/disputes/{id}', 200, 'application/json', { ...dispute, created_at: 'yesterday' }).ok, false);
  assert.equal(validator.check('GET', '/disputes/{id}', 200, 'application/json', { ...dispute, amount_disputed: 150 }).ok, false);
});

test('a status the operation does not declare fails', () => {
  const verdict = validator.check('GET', '/disputes', 409, 'application/problem+json', {
    type: 'x',
    title: 'x',
    status: 409,
    message: 'x',
  });
  assert.equal(verdict.ok, false);
});

test('a problem must come as application/problem+json and the gateway 401 as JSON', () => {
  const problem = { type: 'about:blank', title: 'Not Found', status: 404, message: 'Not Found' };
  assert.equal(validator.check('GET', '/disputes/{id}', 404, 'application/problem+json', problem).ok, true);
  assert.equal(validator.check('GET', '/disputes/{id}', 404, 'application/json', problem).ok, false);
  assert.equal(validator.check('GET', '/disputes/{id}', 401, 'application/json', { message: 'Unauthorized' }).ok, true);
});

test("OpenAPI 3.0's exclusive flags become JSON Schema's exclusive bounds", () => {
  assert.deepEqual(toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false }), {
    type: 'number',
    exclusiveMinimum: 0,
    maximum: 9,
  });
});
