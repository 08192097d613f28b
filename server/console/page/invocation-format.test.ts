import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InvocationRecord, InvocationSummary } from '../console-types.ts';
import { ANY, callerLabel, explain, matches, NO_CALLER, NO_ROUTE, prettyBody, routeLabel, statusMatches } from './invocation-format.ts';

const summary: InvocationSummary = {
  seq: 1,
  id: 'r1',
  at: '2026-01-01T10:00:00.000Z',
  method: 'POST',
  path: '/disputes',
  routeKey: 'POST /disputes',
  caller: { userId: '5', role: 'client' },
  status: 201,
  durationMs: 12,
  functionName: 'create-dispute',
  coldStart: true,
  upstream: null,
};

const record = (changes: Partial<InvocationRecord>): InvocationRecord => ({
  ...summary,
  request: { headers: [], body: null, bodyEncoding: 'utf8', bodyTruncated: false },
  event: {},
  result: {},
  response: { statusCode: 201, headers: {}, body: '', bodyEncoding: 'utf8', bodyTruncated: false },
  logs: [],
  gatewayReason: null,
  ...changes,
});

test('a row names the route (the raw path when none matched) and the caller', () => {
  assert.equal(routeLabel(summary), 'POST /disputes');
  assert.equal(routeLabel({ ...summary, routeKey: null, path: '/disputes/1/status' }), '/disputes/1/status');
  assert.equal(callerLabel(summary.caller), 'user 5 · client');
  assert.equal(callerLabel({ userId: '7', role: null }), 'user 7');
  assert.equal(callerLabel(null), '—');
});

test('the status filter: classes, and errors as anything from 400', () => {
  const verdicts = [200, 204, 302, 401, 404, 500, 503].map((status) =>
    ['2xx', '4xx', '5xx', 'errors'].map((f) => statusMatches(status, f as never)),
  );
  assert.deepEqual(verdicts, [
    [true, false, false, false],
    [true, false, false, false],
    [false, false, false, false],
    [false, true, false, true],
    [false, true, false, true],
    [false, false, true, true],
    [false, false, true, true],
  ]);
});

test('the filters combine: route, status and caller, with "none" for no route and no caller', () => {
  assert.equal(matches(summary, ANY), true);
  assert.equal(matches(summary, { ...ANY, route: 'POST /disputes', user: '5', status: '2xx' }), true);
  assert.equal(matches(summary, { ...ANY, user: '6' }), false);
  assert.equal(matches(summary, { ...ANY, status: 'errors' }), false);
  const refused = { ...summary, routeKey: null, caller: null, status: 404 };
  assert.equal(matches(refused, { route: NO_ROUTE, user: NO_CALLER, status: '4xx' }), true);
  assert.equal(matches(refused, { ...ANY, route: 'POST /disputes' }), false);
});

test('why: the gateway’s reason first, then the function’s error, then the problem it answered', () => {
  assert.equal(explain(record({})), null);
  assert.deepEqual(explain(record({ status: 404, gatewayReason: 'no such route; the contract has PATCH /disputes/{id}/status' })), {
    by: 'gateway',
    text: 'no such route; the contract has PATCH /disputes/{id}/status',
  });
  assert.deepEqual(explain(record({ status: 500, result: { errorType: 'TypeError', errorMessage: 'x is undefined' } })), {
    by: 'function',
    text: 'The function failed: TypeError: x is undefined',
  });
  const problem = JSON.stringify({ code: 'transition_not_allowed', title: 'Not allowed', detail: 'closed disputes stay closed' });
  assert.deepEqual(explain(record({ status: 409, response: { ...record({}).response, statusCode: 409, body: problem } })), {
    by: 'function',
    text: 'The function answered 409: transition_not_allowed: closed disputes stay closed',
  });
  assert.deepEqual(explain(record({ status: 502, response: { ...record({}).response, body: 'not json' } })), {
    by: 'function',
    text: 'The function answered 502.',
  });
});

test('bodies: JSON pretty-printed, anything else as it is', () => {
  assert.equal(prettyBody('{"a":1}'), '{\n  "a": 1\n}');
  assert.equal(prettyBody('plain <b>text</b>'), 'plain <b>text</b>');
  assert.equal(prettyBody(''), '');
});
