import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ActionForbidden,
  DisputeChanged,
  DisputeNotFound,
  EvidenceLimitReached,
  EvidenceNotFound,
  TransitionRefused,
  VersionMismatch,
} from '../domain/dispute-errors.ts';
import { problemFor } from './domain-problem.ts';

const state = { allowedActions: ['view' as const, 'close' as const], currentStatus: 'resolved' as const };
const conflict = { allowed_actions: ['view', 'close'], current_status: 'resolved' };
const type = (code: string) => `https://disputes.example/problems/${code}`;

test('each domain error answers with its one problem: status, code, detail and members', () => {
  assert.deepEqual(problemFor(new DisputeNotFound(7)).toJSON(), {
    type: type('not_found'),
    title: 'Not found',
    status: 404,
    code: 'not_found',
    detail: 'Dispute 7 not found',
    message: 'Dispute 7 not found',
  });
  assert.deepEqual(problemFor(new EvidenceNotFound('uploads/7/1/a.pdf')).toJSON().status, 404);
  assert.deepEqual(problemFor(new ActionForbidden('A client may not resolve on this dispute')).toJSON(), {
    type: type('forbidden'),
    title: 'Your role may not do this',
    status: 403,
    code: 'forbidden',
    detail: 'A client may not resolve on this dispute',
    message: 'A client may not resolve on this dispute',
  });
  assert.deepEqual(problemFor(new TransitionRefused('escalate is not allowed while the dispute is resolved', state)).toJSON(), {
    type: type('transition_not_allowed'),
    title: 'Not allowed in the dispute’s current state',
    status: 409,
    code: 'transition_not_allowed',
    detail: 'escalate is not allowed while the dispute is resolved',
    message: 'escalate is not allowed while the dispute is resolved',
    ...conflict,
  });
  assert.deepEqual(problemFor(new DisputeChanged('Dispute 7 kept changing', state)).toJSON(), {
    type: type('dispute_changed'),
    title: 'The dispute changed while the request was processed',
    status: 409,
    code: 'dispute_changed',
    detail: 'Dispute 7 kept changing',
    message: 'Dispute 7 kept changing',
    ...conflict,
  });
  assert.deepEqual(problemFor(new EvidenceLimitReached(20, state)).toJSON(), {
    type: type('evidence_limit_reached'),
    title: 'You have added the maximum number of evidence files to this dispute',
    status: 409,
    code: 'evidence_limit_reached',
    detail: 'At most 20 evidence files per person and dispute',
    message: 'At most 20 evidence files per person and dispute',
    ...conflict,
  });
  assert.deepEqual(problemFor(new VersionMismatch(4)).toJSON(), {
    type: type('version_mismatch'),
    title: 'The dispute has changed since the version you sent',
    status: 412,
    code: 'version_mismatch',
    detail: 'The dispute is at version 4',
    message: 'The dispute is at version 4',
    current_version: 4,
  });
});

test('a conflict lists allowed_actions before current_status, as before', () => {
  const body = JSON.stringify(problemFor(new TransitionRefused('no', state)).toJSON());
  assert.ok(body.indexOf('allowed_actions') < body.indexOf('current_status'));
});
