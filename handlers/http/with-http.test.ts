import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Context } from 'aws-lambda';
import { systemClock } from '../domain/clock.ts';
import { ConflictProblem, NotFoundProblem } from './problem.ts';
import { withHttp, type HttpEvent } from './with-http.ts';

const context = { awsRequestId: 'req-1', functionName: 'test' } as Context;
/** A reading function's dependencies: no idempotency store. */
const deps = { clock: systemClock };

function eventWith(claims: Record<string, string> | undefined): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'GET /disputes',
    rawPath: '/disputes',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'GET', path: '/disputes' },
      authorizer: claims ? { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } } : undefined,
    },
  } as unknown as HttpEvent;
}

test('the caller reaches the route and a JSON result is answered', async () => {
  const handler = withHttp(deps, async ({ caller }) => ({ status: 200, body: { caller } }));
  const result = await handler(eventWith({ sub: '4', 'cognito:groups': '[admin mediator]' }), context);
  assert.equal(result.statusCode, 200);
  assert.equal(result.headers?.['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(String(result.body)), { caller: { id: 4, role: 'admin' } });
});

test('a caller without a usable sub or role gets a 403 problem', async () => {
  const handler = withHttp(deps, async () => assert.fail('route must not run'));
  for (const claims of [undefined, { sub: 'x', role: 'client' }, { sub: '1', role: 'nobody' }]) {
    const result = await handler(eventWith(claims), context);
    assert.equal(result.statusCode, 403);
    assert.equal(result.headers?.['content-type'], 'application/problem+json');
    assert.equal(JSON.parse(String(result.body)).code, 'forbidden');
  }
});

test('problems become problem+json with their members', async () => {
  const handler = withHttp(deps, async () => {
    throw new ConflictProblem('transition_not_allowed', 'no', { allowed_actions: ['view'], current_status: 'closed' });
  });
  const result = await handler(eventWith({ sub: '1', role: 'client' }), context);
  assert.equal(result.statusCode, 409);
  const body = JSON.parse(String(result.body));
  assert.equal(body.type, 'https://disputes.example/problems/transition_not_allowed');
  assert.equal(body.status, 409);
  assert.deepEqual(body.allowed_actions, ['view']);
  assert.equal(body.current_status, 'closed');

  const notFound = await withHttp(deps, async () => {
    throw new NotFoundProblem('gone');
  })(eventWith({ sub: '1', role: 'client' }), context);
  assert.equal(notFound.statusCode, 404);
});

test('unknown errors are logged and rethrown so the platform answers 500', async (t) => {
  const logged = t.mock.method(console, 'error', () => undefined);
  const handler = withHttp(deps, async () => {
    throw new TypeError('boom');
  });
  await assert.rejects(handler(eventWith({ sub: '1', role: 'client' }), context), TypeError);
  assert.equal(logged.mock.callCount(), 1);
  assert.match(String(logged.mock.calls[0]?.arguments[0]), /"requestId":"req-1"/);
});

test('a POST with Idempotency-Key to a function given no idempotency store fails loudly, never silently runs twice', async (t) => {
  t.mock.method(console, 'error', () => undefined);
  const handler = withHttp(deps, async () => assert.fail('route must not run'));
  const event = eventWith({ sub: '1', role: 'client' });
  event.requestContext.http.method = 'POST';
  event.headers = { 'idempotency-key': 'k-1' };
  await assert.rejects(handler(event, context), /given no idempotency store/);
});
