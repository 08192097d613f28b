import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asyncInvocationRecord, invocationRecord, KEPT_BODY_BYTES } from './invocation-record.ts';
import type { AnsweredRequest } from '../api-gateway/gateway-answer.ts';

const answered = (overrides: Partial<AnsweredRequest>): AnsweredRequest => ({
  requestId: 'r1',
  receivedAt: Date.UTC(2026, 11, 2),
  durationMs: 12.345,
  method: 'POST',
  url: '/disputes?x=1',
  headers: [['content-type', 'application/json']],
  routeKey: 'POST /disputes',
  response: { statusCode: 201, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from('{"id":1}') },
  trace: { logs: ['START RequestId: a Version: $LATEST'] },
  ...overrides,
});

test('the caller by the default claims: sub, then the first of role, custom:role, cognito:groups (a list claim: its first value)', () => {
  assert.deepEqual(invocationRecord(answered({ trace: { logs: [], claims: { sub: '5', role: 'client' } } })).caller, {
    userId: '5',
    role: 'client',
  });
  assert.deepEqual(invocationRecord(answered({ trace: { logs: [], claims: { sub: '5', 'cognito:groups': '[mediator]' } } })).caller, {
    userId: '5',
    role: 'mediator',
  });
  assert.deepEqual(invocationRecord(answered({ trace: { logs: [], claims: { sub: 'abc-uuid' } } })).caller, {
    userId: 'abc-uuid',
    role: null,
  });
  assert.equal(invocationRecord(answered({})).caller, null);
});

test('the caller by the configured claim names (USER_ID_CLAIM, ROLE_CLAIMS), as the functions read them', () => {
  const claims = { sub: 'a1b2-uuid', 'custom:user_id': '42', 'cognito:groups': '[admin mediator]', role: 'client' };
  assert.deepEqual(
    invocationRecord(answered({ trace: { logs: [], claims } }), { userId: 'custom:user_id', roles: 'cognito:groups' }).caller,
    {
      userId: '42',
      role: 'admin',
    },
  );
  assert.deepEqual(invocationRecord(answered({ trace: { logs: [], claims } })).caller, { userId: 'a1b2-uuid', role: 'client' });
  assert.equal(invocationRecord(answered({ trace: { logs: [], claims: { sub: '5' } } }), { userId: 'custom:user_id' }).caller, null);
  // As the functions read them: an empty role claim is passed over for the next, a list split on spaces or commas.
  assert.deepEqual(
    invocationRecord(answered({ trace: { logs: [], claims: { sub: '5', role: '', 'cognito:groups': '[,admin]' } } })).caller,
    {
      userId: '5',
      role: 'admin',
    },
  );
});

test('bodies: text as text, bytes as base64, each cut at the limit and marked; the event and result bodies too', () => {
  const record = invocationRecord(
    answered({
      body: Buffer.from([0xff, 0x00, 0x10]),
      response: { statusCode: 200, headers: {}, cookies: ['a=1', 'b=2'], body: Buffer.from('é'.repeat(KEPT_BODY_BYTES)) },
      trace: {
        logs: [],
        event: { rawPath: '/disputes', body: 'x'.repeat(KEPT_BODY_BYTES + 10) },
        outcome: { ok: true, result: { statusCode: 200, body: 'y'.repeat(KEPT_BODY_BYTES + 1) } },
      },
    }),
  );
  assert.deepEqual(record.request, {
    headers: [['content-type', 'application/json']],
    body: Buffer.from([0xff, 0x00, 0x10]).toString('base64'),
    bodyEncoding: 'base64',
    bodyTruncated: false,
  });
  assert.equal(record.response.bodyEncoding, 'utf8', 'a cut inside a two-byte character is still text');
  assert.equal(record.response.bodyTruncated, true);
  assert.equal(record.response.body, 'é'.repeat(KEPT_BODY_BYTES / 2));
  assert.equal(record.response.headers['set-cookie'], 'a=1, b=2');
  const event = record.event as { rawPath: string; body: string };
  assert.equal(event.rawPath, '/disputes');
  assert.match(
    event.body,
    new RegExp(`^x{${KEPT_BODY_BYTES}}… \\[the console keeps ${KEPT_BODY_BYTES} of ${KEPT_BODY_BYTES + 10} characters\\]$`),
  );
  assert.match((record.result as { body: string }).body, /… \[the console keeps/);
  assert.equal(record.durationMs, 12.3);
  assert.equal(record.at, '2026-12-02T00:00:00.000Z');
});

test('a failed invocation is kept as its kind and message', () => {
  const record = invocationRecord(
    answered({ trace: { logs: [], outcome: { ok: false, kind: 'timeout', message: 'Task timed out after 1.00 seconds' } } }),
  );
  assert.deepEqual(record.result, { errorKind: 'timeout', errorMessage: 'Task timed out after 1.00 seconds' });
});

test('an attempt of an asynchronous invocation: what sent it, which attempt, 200 or 500, and what came of a failure', () => {
  const failed = asyncInvocationRecord({
    functionName: 'fn-confirm',
    requestId: 'req-1',
    trigger: 'S3 ObjectCreated:Post uploads/1/a.png',
    event: { Records: [] },
    attempt: 2,
    attempts: 3,
    startedAt: Date.UTC(2026, 11, 2),
    durationMs: 5,
    coldStart: false,
    outcome: { ok: false, kind: 'handler-error', message: 'Error: boom' },
    logs: ['START RequestId: req-1 Version: $LATEST'],
    note: 'Attempt 2 of 3 failed (handler-error: Error: boom); retrying in 2000 ms',
  });
  assert.equal(failed.id, 'req-1#2');
  assert.equal(failed.method, 'EVENT');
  assert.equal(failed.path, 'S3 ObjectCreated:Post uploads/1/a.png (attempt 2 of 3)');
  assert.equal(failed.status, 500);
  assert.equal(failed.routeKey, null);
  assert.deepEqual(failed.result, { errorKind: 'handler-error', errorMessage: 'Error: boom' });
  assert.match(failed.gatewayReason ?? '', /retrying in 2000 ms/);
});
