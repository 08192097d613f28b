import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import type { AnsweredRequest } from './api-gateway/gateway-answer.ts';
import { consoleRecorder } from './console/console-recorder.ts';
import { parseContract } from '../contract-core/load-contract.ts';
import { JWT_AUTHORIZER_COMPONENTS } from '../contract-core/test-fixtures/jwt-authorizer-components.ts';
import { createFunctionRuntime, type FunctionRuntime } from './lambda/function-runtime.ts';
import { buildFixtures, type BuiltFixtures } from './lambda/test-fixtures/built-fixtures.ts';
import { jwksOf, loadOrCreateKeys } from './auth/local-keys.ts';
import { issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from './auth/local-issuer.ts';

const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lambda', 'test-fixtures');
const keyDir = mkdtempSync(path.join(tmpdir(), 'app-keys-'));
const op = (id: string, file: string, extra = '', timeout = 10) =>
  `      operationId: ${id}\n${extra}      x-lambda: { function: 'fn-${id}', handler: ${file}.handler, zip: ${id}.zip, memory: 256, timeout: ${timeout} }\n`;
const contract = parseContract(
  `
openapi: 3.0.3
info: { title: test, version: '1' }
x-lambda-runtime: nodejs22.x
security: [{ jwt: [] }]
paths:
  /things/{id}:
    post:
${op('postThing', 'echo')}
    get:
${op('getThing', 'echo')}
  /files/{proxy+}:
    get:
${op('getFile', 'echo')}
  /open:
    get:
${op('open', 'simple', '      security: []\n')}
  /throws:
    get:
${op('throws', 'throws')}
  /own-cors:
    get:
${op('ownCors', 'own-cors-headers', '      security: []\n')}
  /bad:
    get:
${op('bad', 'bad-result')}
  /sleep:
    post:
${op('sleep', 'sleeps', '', 1)}
  /slow:
    post:
${op('slow', 'sleeps', '', 30)}${JWT_AUTHORIZER_COMPONENTS}`,
  { projectRoot: fixtureDir, stage: 'test', jwtIssuer: LOCAL_ISSUER, jwtAudience: LOCAL_AUDIENCE },
);

// The function timeout (1 s) and the integration timeout are far apart in both
// directions, so a slow cold start on a loaded machine cannot swap 500 and 503.
const INTEGRATION_TIMEOUT_MS = 20_000;
const SHORT_INTEGRATION_TIMEOUT_MS = 1_500;
const reports: string[] = [];
const observed: AnsweredRequest[] = [];
let fixtures: BuiltFixtures;
let runtime: FunctionRuntime;
let app: ReturnType<typeof buildApp>;
let impatientApp: ReturnType<typeof buildApp>;
let corsApp: ReturnType<typeof buildApp>;
const CORS = {
  allowOrigins: ['https://app.example', 'http://*'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['authorization', 'content-type'],
  exposeHeaders: ['etag'],
  maxAge: 600,
};
before(async () => {
  fixtures = await buildFixtures(
    contract.routes.map((route) => ({
      name: route.lambda.functionName,
      handler: route.lambda.handler,
      timeoutSeconds: route.lambda.timeoutSeconds,
    })),
  );
  runtime = createFunctionRuntime({
    functions: fixtures.functions,
    code: fixtures.code,
    environment: { TABLE_NAME: 't' },
    log: () => undefined,
  });
  const jwks = jwksOf(loadOrCreateKeys(keyDir));
  app = buildApp({
    apis: [{ contract }],
    runtime,
    jwks,
    integrationTimeoutMs: INTEGRATION_TIMEOUT_MS,
    report: (line) => reports.push(line),
  });
  impatientApp = buildApp({
    apis: [{ contract }],
    runtime,
    jwks,
    integrationTimeoutMs: SHORT_INTEGRATION_TIMEOUT_MS,
    report: (line) => reports.push(line),
  });
  corsApp = buildApp({
    apis: [{ contract, cors: CORS }],
    runtime,
    jwks,
    integrationTimeoutMs: INTEGRATION_TIMEOUT_MS,
    report: (line) => reports.push(line),
  });
  corsApp.register(consoleRecorder({ runtime, record: (answered) => observed.push(answered) }));
});
after(async () => {
  await app.close();
  await impatientApp.close();
  await corsApp.close();
  await runtime.dispose();
  fixtures.remove();
  rmSync(keyDir, { recursive: true, force: true });
});
const token = issueLocalToken({ keyDir, sub: '1', role: 'client', name: 'Alice' });
const auth = { authorization: `Bearer ${token}` };

function assertGatewayError(
  response: { statusCode: number; body: string; headers: Record<string, unknown> },
  status: number,
  message: string,
) {
  assert.equal(response.statusCode, status);
  assert.deepEqual(JSON.parse(response.body), { message });
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.match(String(response.headers['apigw-requestid']), /^[A-Za-z0-9+/]{15}=$/);
}

test('unmatched path or method is 404 Not Found', async () => {
  assertGatewayError(await app.inject({ method: 'GET', url: '/nope' }), 404, 'Not Found');
  assertGatewayError(await app.inject({ method: 'DELETE', url: '/things/1', headers: auth }), 404, 'Not Found');
  assert.ok(
    reports.includes('404 for DELETE /things/1: no such route; the contract has GET /things/{id}'),
    `the log names the route probably meant: ${reports.join(' | ')}`,
  );
  assert.ok(reports.includes('404 for GET /nope: no such route'));
  assert.equal((await app.inject({ method: 'HEAD', url: '/things/1', headers: auth })).statusCode, 404);
  assertGatewayError(await app.inject({ method: 'GET', url: '/things/1/', headers: auth }), 404, 'Not Found');
});

test('missing or bad token is 401 with www-authenticate', async () => {
  for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: `Basic ${token}` }]) {
    const response = await app.inject({ method: 'GET', url: '/things/1', headers });
    assertGatewayError(response, 401, 'Unauthorized');
    assert.match(String(response.headers['www-authenticate']), /^Bearer scope="" error="invalid_token" error_description="/);
  }
});

test('an authorized request reaches the handler as a 2.0 event', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/things/42?b=1&a=2&a=3',
    headers: { ...auth, 'content-type': 'application/json', cookie: 'c1=v1; c2=v2', 'x-multi': ['1', '2'] },
    payload: '{"x":1}',
  });
  assert.equal(response.statusCode, 200);
  const { event, context } = JSON.parse(response.body);
  assert.equal(event.version, '2.0');
  assert.equal(event.routeKey, 'POST /things/{id}');
  assert.equal(event.rawPath, '/things/42');
  assert.equal(event.rawQueryString, 'b=1&a=2&a=3');
  assert.deepEqual(event.queryStringParameters, { b: '1', a: '2,3' });
  assert.deepEqual(event.pathParameters, { id: '42' });
  assert.deepEqual(event.cookies, ['c1=v1', 'c2=v2']);
  assert.equal(event.headers.cookie, undefined);
  assert.equal(event.headers['x-multi'], '1,2');
  assert.equal(event.body, '{"x":1}');
  assert.equal(event.isBase64Encoded, false);
  assert.equal(event.requestContext.requestId, response.headers['apigw-requestid']);
  assert.equal(event.requestContext.authorizer.jwt.claims.sub, '1');
  assert.equal(event.requestContext.authorizer.jwt.claims.role, 'client');
  assert.equal(typeof event.requestContext.authorizer.jwt.claims.exp, 'string');
  assert.equal(event.requestContext.authorizer.jwt.scopes, null);
  assert.equal(context.functionName, 'fn-postThing');
  // The trace header the function sees is also its _X_AMZN_TRACE_ID for this invocation.
  assert.match(event.headers['x-amzn-trace-id'], /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  assert.equal(JSON.parse(response.body).env._X_AMZN_TRACE_ID, event.headers['x-amzn-trace-id']);
});

// HTTP APIs hand the function a decoded path: live captures published in
// hotsock/voker#8 (read in middleapi/standard-server#93) show `%20` as a space
// in rawPath and requestContext.http.path, unlike REST APIs and function URLs.
test('rawPath and requestContext.http.path arrive percent-decoded; rawQueryString stays as sent', async () => {
  const response = await app.inject({ method: 'GET', url: '/things/a%20b%C3%A9?q=x%20y', headers: auth });
  const { event } = JSON.parse(response.body);
  assert.equal(event.rawPath, '/things/a bé');
  assert.equal(event.requestContext.http.path, '/things/a bé');
  assert.equal(event.rawQueryString, 'q=x%20y');
  assert.deepEqual(event.pathParameters, { id: 'a bé' });
});

test('binary bodies arrive base64-encoded; greedy paths fill their parameter', async () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);
  const post = await app.inject({ method: 'POST', url: '/things/1', headers: { ...auth, 'content-type': 'image/png' }, payload: bytes });
  const { event } = JSON.parse(post.body);
  assert.equal(event.isBase64Encoded, true);
  assert.deepEqual(Buffer.from(event.body, 'base64'), bytes);
  const file = await app.inject({ method: 'GET', url: '/files/a/b.txt', headers: auth });
  assert.deepEqual(JSON.parse(file.body).event.pathParameters, { proxy: 'a/b.txt' });
});

test('an open route needs no token; a result without statusCode is 200 JSON', async () => {
  const response = await app.inject({ method: 'GET', url: '/open' });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(JSON.parse(response.body), { hello: 'world' });
});

test('handler error, malformed result and function timeout are 500', async () => {
  assertGatewayError(await app.inject({ method: 'GET', url: '/throws', headers: auth }), 500, 'Internal Server Error');
  assertGatewayError(await app.inject({ method: 'GET', url: '/bad', headers: auth }), 500, 'Internal Server Error');
  const slow = await app.inject({ method: 'POST', url: '/sleep', headers: { ...auth, 'content-type': 'text/plain' }, payload: '5000' });
  assertGatewayError(slow, 500, 'Internal Server Error');
  assert.ok(reports.some((line) => line.includes('malformed Lambda proxy response')));
});

test('the integration timeout is 503', async () => {
  const response = await impatientApp.inject({
    method: 'POST',
    url: '/slow',
    headers: { ...auth, 'content-type': 'text/plain' },
    payload: '25000',
  });
  assertGatewayError(response, 503, 'Service Unavailable');
});

test('a body over 10 MB is 413; over 6 MB is refused by Lambda, also 413', async () => {
  const huge = await app.inject({
    method: 'POST',
    url: '/things/1',
    headers: { ...auth, 'content-type': 'application/octet-stream' },
    payload: Buffer.alloc(10 * 1024 * 1024 + 1),
  });
  assertGatewayError(huge, 413, 'Request Entity Too Large');
  const big = await app.inject({
    method: 'POST',
    url: '/things/1',
    headers: { ...auth, 'content-type': 'application/octet-stream' },
    payload: Buffer.alloc(5 * 1024 * 1024),
  });
  assertGatewayError(big, 413, 'Request Entity Too Large');
});

test('JWKS is served', async () => {
  const response = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
  assert.equal(response.statusCode, 200);
  assert.equal(JSON.parse(response.body).keys[0].alg, 'RS256');
});

// "Configure CORS for HTTP APIs": preflights are answered by API Gateway even with no OPTIONS route,
// the configured headers are added to a CORS request's response, the integration's own are ignored.
test('CORS: a preflight is answered 204 by the gateway, on any path, with no token and no function', async () => {
  const preflight = await corsApp.inject({
    method: 'OPTIONS',
    url: '/things/1',
    headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
  });
  assert.equal(preflight.statusCode, 204);
  assert.equal(preflight.headers['access-control-allow-origin'], 'https://app.example');
  assert.equal(preflight.headers['access-control-allow-methods'], 'GET,POST');
  assert.equal(preflight.headers['access-control-allow-headers'], 'authorization,content-type');
  assert.equal(preflight.headers['access-control-max-age'], '600');
  assert.equal(preflight.body, '');
  const otherScheme = await corsApp.inject({
    method: 'OPTIONS',
    url: '/nowhere',
    headers: { origin: 'http://localhost:8081', 'access-control-request-method': 'GET' },
  });
  assert.equal(otherScheme.statusCode, 204, 'answered whether or not a route matches');
  assert.equal(otherScheme.headers['access-control-allow-origin'], 'http://localhost:8081', 'http://* allows any http origin');
  const stranger = await corsApp.inject({
    method: 'OPTIONS',
    url: '/things/1',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
  });
  assert.equal(stranger.statusCode, 204);
  assert.equal(stranger.headers['access-control-allow-origin'], undefined, 'an origin not allowed gets no CORS headers');
  const withoutCors = await app.inject({
    method: 'OPTIONS',
    url: '/things/1',
    headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
  });
  assert.equal(withoutCors.statusCode, 404, 'without a CORS configuration OPTIONS is an unmatched route');
});

test("CORS: a request with an Origin gets the configured headers; without one, none; the integration's own are dropped", async () => {
  const withOrigin = await corsApp.inject({ method: 'GET', url: '/things/1', headers: { ...auth, origin: 'https://app.example' } });
  assert.equal(withOrigin.statusCode, 200);
  assert.equal(withOrigin.headers['access-control-allow-origin'], 'https://app.example');
  assert.equal(withOrigin.headers['access-control-expose-headers'], 'etag');
  const withoutOrigin = await corsApp.inject({ method: 'GET', url: '/things/1', headers: auth });
  assert.equal(withoutOrigin.headers['access-control-allow-origin'], undefined);
  const own = await corsApp.inject({ method: 'GET', url: '/own-cors', headers: { origin: 'https://app.example' } });
  assert.equal(own.headers['access-control-allow-origin'], 'https://app.example', "the configuration's, not the function's *");
  assert.equal(own.headers['access-control-allow-methods'], undefined);
  assert.equal(own.headers['x-own'], 'kept');
  const ownWithoutOrigin = await corsApp.inject({ method: 'GET', url: '/own-cors' });
  assert.equal(
    ownWithoutOrigin.headers['access-control-allow-origin'],
    undefined,
    "dropped without an Origin too: the API's CORS configuration rules",
  );
  const refused = await corsApp.inject({ method: 'GET', url: '/things/1', headers: { origin: 'https://app.example' } });
  assert.equal(refused.statusCode, 401);
  assert.equal(refused.headers['access-control-allow-origin'], 'https://app.example', 'the app can read why it was refused');
});

test('the console recorder (hooks and the runtime observer) gets every answered request with its trace: claims, event, cold or warm, log lines, the result, the gateway reason', async () => {
  // What the earlier tests' requests left to record, recorded first.
  await new Promise((resolve) => setImmediate(resolve));
  observed.length = 0;
  const first = await corsApp.inject({
    method: 'POST',
    url: '/things/7?x=1',
    headers: { ...auth, 'content-type': 'application/json' },
    payload: '{"a":1}',
  });
  const second = await corsApp.inject({ method: 'POST', url: '/things/8', headers: auth, payload: '{}' });
  const noToken = await corsApp.inject({ method: 'GET', url: '/things/7' });
  const badToken = await corsApp.inject({ method: 'GET', url: '/things/7', headers: { authorization: 'Bearer not.a.token' } });
  const unmatched = await corsApp.inject({ method: 'PUT', url: '/things/7' });
  const failing = await corsApp.inject({ method: 'GET', url: '/throws', headers: auth });
  const preflight = await corsApp.inject({
    method: 'OPTIONS',
    url: '/things/7',
    headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
  });
  // Recorded a turn after the response has gone.
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    observed.map((answered) => [answered.requestId, answered.response.statusCode]),
    [first, second, noToken, badToken, unmatched, failing, preflight].map((response) => [
      response.headers['apigw-requestid'],
      response.statusCode,
    ]),
    'each answered request once, in order, with the status the client got',
  );
  const [warmUp, warm, anonymous, forged, nowhere, thrown, cors] = observed as [AnsweredRequest, ...AnsweredRequest[]];
  assert.equal(warmUp.routeKey, 'POST /things/{id}');
  assert.equal(warmUp.url, '/things/7?x=1');
  assert.equal(warmUp.body?.toString(), '{"a":1}');
  assert.equal(warmUp.trace.claims?.['sub'], '1');
  assert.equal(warmUp.trace.functionName, 'fn-postThing');
  assert.equal((warmUp.trace.event as { rawPath: string }).rawPath, '/things/7');
  assert.ok(warmUp.trace.outcome?.ok);
  assert.match(warmUp.trace.logs[0] ?? '', /^START RequestId: \S+ Version: \$LATEST$/);
  assert.match(warmUp.trace.logs.at(-1) ?? '', /^REPORT RequestId: /);
  assert.ok(warmUp.trace.logs.some((line) => line.startsWith('END RequestId: ')));
  assert.equal(warm?.trace.coldStart, false, 'the second request found the environment warm');
  assert.equal(typeof warmUp.trace.coldStart, 'boolean');
  assert.equal(anonymous?.trace.reason, 'JWT authorizer: the token is missing');
  assert.equal(anonymous?.trace.event, undefined, 'no function ran');
  assert.equal(forged?.trace.reason, 'JWT authorizer: the token is malformed');
  assert.equal(nowhere?.routeKey, null);
  assert.match(nowhere?.trace.reason ?? '', /^404 for PUT \/things\/7: no such route; the contract has (POST|GET) \/things\/\{id\}$/);
  assert.equal(thrown?.response.statusCode, 500);
  assert.match(thrown?.trace.reason ?? '', /^handler-error: /);
  assert.ok(
    thrown?.trace.logs.some((line) => line.includes('ERROR')),
    "the function's error line is in its logs",
  );
  assert.equal(cors?.trace.reason, 'CORS preflight, answered by the gateway');
  const consolePreflight = await corsApp.inject({
    method: 'OPTIONS',
    url: '/_console/api/reset',
    headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
  });
  assert.equal(consolePreflight.headers['access-control-allow-origin'], undefined, "the API's CORS never opens the emulator's console");
  assert.equal(observed.length, 7, "the console's own paths are not recorded");
});

test('two APIs on one origin: each route behind its own API authorizer and CORS; a preflight of an API without CORS is not answered', async () => {
  const other = parseContract(
    `
openapi: 3.0.3
info: { title: other, version: '1' }
x-lambda-runtime: nodejs22.x
security: [{ jwt: [] }]
paths:
  /other:
    get:
${op('open', 'simple')}${JWT_AUTHORIZER_COMPONENTS}`,
    { projectRoot: fixtureDir, stage: 'test', jwtIssuer: LOCAL_ISSUER, jwtAudience: 'another-api' },
  );
  const both = buildApp({ apis: [{ contract, cors: CORS }, { contract: other }], runtime, jwks: jwksOf(loadOrCreateKeys(keyDir)) });
  try {
    assert.equal((await both.inject({ method: 'GET', url: '/things/7', headers: auth })).statusCode, 200);
    // The local token's audience is the first API's: the second API's authorizer refuses it, as its own stage would.
    const refused = await both.inject({ method: 'GET', url: '/other', headers: auth });
    assert.equal(refused.statusCode, 401);
    assert.match(String(refused.headers['www-authenticate']), /does not have a valid audience/);
    const preflight = (url: string) =>
      both.inject({ method: 'OPTIONS', url, headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });
    assert.equal((await preflight('/things/7')).statusCode, 204);
    assert.equal((await preflight('/other')).statusCode, 404, 'the second API has no CORS configuration');
    assert.equal((await preflight('/no/such/path')).statusCode, 204, 'an HTTP API with CORS answers preflights on any path');
  } finally {
    await both.close();
  }
});
