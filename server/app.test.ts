import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { parseContract } from './contract/load-contract.ts';
import { createFunctionRuntime } from './lambda/function-runtime.ts';
import { jwksOf, loadOrCreateKeys } from './auth/local-keys.ts';
import { issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from './auth/local-issuer.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lambda', 'test-fixtures');
const keyDir = mkdtempSync(path.join(tmpdir(), 'app-keys-'));
const op = (id: string, file: string, extra = '', timeout = 5) =>
  `      operationId: ${id}\n${extra}      x-lambda: { function: 'fn-${id}', handler: ${file}.handler, zip: x.zip, memory: 256, timeout: ${timeout} }\n`;
const contract = parseContract(`
openapi: 3.0.3
info: { title: test, version: '1' }
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
  /bad:
    get:
${op('bad', 'bad-result')}
  /sleep:
    post:
${op('sleep', 'sleeps', '', 1)}
  /slow:
    post:
${op('slow', 'sleeps', '', 10)}
components:
  securitySchemes:
    jwt:
      type: http
      scheme: bearer
      x-amazon-apigateway-authorizer:
        type: jwt
        identitySource: $request.header.Authorization
        jwtConfiguration: { issuer: '{jwt_issuer}', audience: ['{jwt_audience}'] }
`, { projectRoot: fixtures, stage: 'test', jwtIssuer: LOCAL_ISSUER, jwtAudience: LOCAL_AUDIENCE });

const runtime = createFunctionRuntime({
  functions: contract.routes.map((route) => route.lambda),
  environment: { TABLE_NAME: 't' },
  log: () => undefined,
});
const reports: string[] = [];
const app = buildApp({
  contract, runtime, jwks: jwksOf(loadOrCreateKeys(keyDir)), integrationTimeoutMs: 1500, report: (line) => reports.push(line),
});
after(async () => {
  await app.close();
  await runtime.dispose();
  rmSync(keyDir, { recursive: true, force: true });
});
const token = issueLocalToken({ keyDir, sub: '1', role: 'client', name: 'Alice' });
const auth = { authorization: `Bearer ${token}` };

function assertGatewayError(response: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number, message: string) {
  assert.equal(response.statusCode, status);
  assert.deepEqual(JSON.parse(response.body), { message });
  assert.match(String(response.headers['content-type']), /^application\/json/);
  assert.match(String(response.headers['apigw-requestid']), /^[A-Za-z0-9+/]{15}=$/);
}

test('unmatched path or method is 404 Not Found', async () => {
  assertGatewayError(await app.inject({ method: 'GET', url: '/nope' }), 404, 'Not Found');
  assertGatewayError(await app.inject({ method: 'DELETE', url: '/things/1', headers: auth }), 404, 'Not Found');
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
    method: 'POST', url: '/things/42?b=1&a=2&a=3',
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
  const response = await app.inject({ method: 'POST', url: '/slow', headers: { ...auth, 'content-type': 'text/plain' }, payload: '2500' });
  assertGatewayError(response, 503, 'Service Unavailable');
});

test('a body over 10 MB is 413; over 6 MB is refused by Lambda, also 413', async () => {
  const huge = await app.inject({ method: 'POST', url: '/things/1', headers: { ...auth, 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(10 * 1024 * 1024 + 1) });
  assertGatewayError(huge, 413, 'Request Entity Too Large');
  const big = await app.inject({ method: 'POST', url: '/things/1', headers: { ...auth, 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(5 * 1024 * 1024) });
  assertGatewayError(big, 413, 'Request Entity Too Large');
});

test('JWKS is served', async () => {
  const response = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
  assert.equal(response.statusCode, 200);
  assert.equal(JSON.parse(response.body).keys[0].alg, 'RS256');
});
