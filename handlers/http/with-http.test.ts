import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { DisputePath, idempotencyKeyHeader } from '../requests/parameters.ts';
import { defineRequest } from '../requests/request-definition.ts';
import { ConflictProblem, NotFoundProblem } from '../problems/problem.ts';
import { withHttp, type HttpEvent } from './with-http.ts';
import { systemClock } from '../domain/clock.ts';
import { VersionMismatch } from '../domain/dispute-errors.ts';

/** A reading function's dependencies: no idempotency store. */
const deps = { clock: systemClock };

const context = { awsRequestId: 'req-1', functionName: 'test' } as Context;

const anything = defineRequest({});

function eventWith(claims: Record<string, string> | undefined, request: Partial<HttpEvent> = {}): HttpEvent {
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
    ...request,
  } as unknown as HttpEvent;
}

test('the caller reaches the route and a JSON result is answered', async () => {
  const handler = withHttp(deps, anything, async ({ caller }) => ({ status: 200, body: { caller } }));
  const result = await handler(eventWith({ sub: '4', 'cognito:groups': '[admin mediator]' }), context);
  assert.equal(result.statusCode, 200);
  assert.equal(result.headers?.['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(String(result.body)), { caller: { id: 4, role: 'admin' } });
});

test('the route gets the request parsed against its definition', async () => {
  const definition = defineRequest({ path: DisputePath, body: { required: true, json: z.strictObject({ message: z.string() }) } });
  const handler = withHttp(deps, definition, async ({ request }) => ({
    status: 200,
    body: { id: request.path.id, message: request.body.message },
  }));
  const result = await handler(
    eventWith(
      { sub: '1', role: 'client' },
      { pathParameters: { id: '12' }, headers: { 'content-type': 'application/json' }, body: '{"message":"hi"}' },
    ),
    context,
  );
  assert.equal(result.statusCode, 200);
  assert.deepEqual(JSON.parse(String(result.body)), { id: 12, message: 'hi' });
});

test('a request that is not valid is one 400 and runs nothing, its Idempotency-Key included', async () => {
  const definition = defineRequest({
    path: DisputePath,
    headers: z.object(idempotencyKeyHeader),
    body: { required: true, json: z.strictObject({ message: z.string() }) },
  });
  const handler = withHttp(deps, definition, async () => assert.fail('route must not run'));
  const event = eventWith(
    { sub: '1', role: 'client' },
    { pathParameters: { id: 'abc' }, headers: { 'content-type': 'application/json', 'idempotency-key': 'has space' }, body: '{}' },
  );
  // A POST, so that the Idempotency-Key counts.
  event.requestContext.http.method = 'POST';
  const result = await handler(event, context);
  assert.equal(result.statusCode, 400);
  assert.equal(result.headers?.['content-type'], 'application/problem+json');
  const body = JSON.parse(String(result.body));
  assert.equal(body.code, 'validation_failed');
  assert.deepEqual(
    body.errors.map((error: { path: string }) => error.path),
    ['path.id', 'header.idempotency-key', 'body.message'],
  );
});

test('a caller without a usable sub or role gets a 403 problem', async () => {
  const handler = withHttp(deps, anything, async () => assert.fail('route must not run'));
  for (const claims of [undefined, { sub: 'x', role: 'client' }, { sub: '1', role: 'nobody' }]) {
    const result = await handler(eventWith(claims), context);
    assert.equal(result.statusCode, 403);
    assert.equal(result.headers?.['content-type'], 'application/problem+json');
    assert.equal(JSON.parse(String(result.body)).code, 'forbidden');
  }
});

test('problems become problem+json with their members', async () => {
  const handler = withHttp(deps, anything, async () => {
    throw new ConflictProblem('transition_not_allowed', 'no', { allowed_actions: ['view'], current_status: 'closed' });
  });
  const result = await handler(eventWith({ sub: '1', role: 'client' }), context);
  assert.equal(result.statusCode, 409);
  const body = JSON.parse(String(result.body));
  assert.equal(body.type, 'https://disputes.example/problems/transition_not_allowed');
  assert.equal(body.status, 409);
  assert.deepEqual(body.allowed_actions, ['view']);
  assert.equal(body.current_status, 'closed');

  const notFound = await withHttp(deps, anything, async () => {
    throw new NotFoundProblem('gone');
  })(eventWith({ sub: '1', role: 'client' }), context);
  assert.equal(notFound.statusCode, 404);
});

test('a domain error from the route is answered as its problem', async () => {
  const handler = withHttp(deps, anything, async () => {
    throw new VersionMismatch(5);
  });
  const result = await handler(eventWith({ sub: '1', role: 'client' }), context);
  assert.equal(result.statusCode, 412);
  assert.equal(result.headers?.['content-type'], 'application/problem+json');
  const body = JSON.parse(String(result.body));
  assert.equal(body.code, 'version_mismatch');
  assert.equal(body.current_version, 5);
});

test('unknown errors are logged and rethrown so the platform answers 500', async (t) => {
  const logged = t.mock.method(console, 'error', () => undefined);
  const handler = withHttp(deps, anything, async () => {
    throw new TypeError('boom');
  });
  await assert.rejects(handler(eventWith({ sub: '1', role: 'client' }), context), TypeError);
  assert.equal(logged.mock.callCount(), 1);
  assert.match(String(logged.mock.calls[0]?.arguments[0]), /"requestId":"req-1"/);
});

test('a POST with Idempotency-Key to a function given no idempotency store fails loudly, never silently runs twice', async (t) => {
  t.mock.method(console, 'error', () => undefined);
  const handler = withHttp(deps, anything, async () => assert.fail('route must not run'));
  const event = eventWith({ sub: '1', role: 'client' });
  event.requestContext.http.method = 'POST';
  event.headers = { 'idempotency-key': 'k-1' };
  await assert.rejects(handler(event, context), /given no idempotency store/);
});
