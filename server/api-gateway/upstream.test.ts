// Hybrid mode at the gateway: what no route takes goes to the stage and comes
// back as the stage answered; a stage that is down, slow or no HTTP server is
// a 502 or 504 in API Gateway's body shape; a loop is refused; the emulator's
// own pages stay its own. Against a fake stage on this machine.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { createFunctionRuntime } from '../lambda/function-runtime.ts';
import { type FakeStage, STAGE_PROJECTS, startFakeStage } from '../../test-support/fake-stage.ts';
import { freePort } from '../../test-support/free-port.ts';

const CORS = { allowOrigins: ['*'], allowMethods: ['GET', 'POST'], allowHeaders: ['authorization'], exposeHeaders: [], maxAge: 60 };
// Long enough for a busy machine's ordinary answers; the slow route is tried on a gateway of its own.
const TIMEOUT_MS = 10_000;
const SHORT_TIMEOUT_MS = 400;

let stage: FakeStage;
let app: FastifyInstance;
const reports: string[] = [];
// No function behind this gateway: every request is forwarded or the emulator's own.
const runtime = createFunctionRuntime({
  functions: [],
  code: () => ({ ok: false, version: '', errorType: '', errorMessage: '' }),
  environment: {},
  log: () => undefined,
});

const gatewayTo = (url: string, timeoutMs = TIMEOUT_MS) =>
  buildApp({ apis: [], runtime, jwks: { keys: [] }, upstream: { url: new URL(url), timeoutMs }, report: (line) => reports.push(line) });

before(async () => {
  stage = await startFakeStage({ slowMs: 3_000 });
  app = gatewayTo(stage.url);
  await app.ready();
});
after(async () => {
  await app.close();
  await stage.stop();
  await runtime.dispose();
});

test('a route no contract has goes to the stage: method, path, query, Authorization; Host the stage’s; X-Forwarded-* and Via added; hop-by-hop dropped', async () => {
  const answer = await app.inject({
    method: 'GET',
    url: '/projects/my?page=1&x=%2F',
    headers: {
      authorization: 'Bearer stage-token',
      host: 'laptop.local:3000',
      connection: 'keep-alive, x-drop-me',
      'x-drop-me': '1',
      'x-keep': 'yes',
    },
    remoteAddress: '192.168.1.7',
  });
  assert.equal(answer.statusCode, 200);
  assert.deepEqual(answer.json(), { results: STAGE_PROJECTS, count: 1 });
  assert.equal(answer.headers['x-stage'], 'projects', "the stage's own headers come back");
  assert.ok(answer.headers['apigw-requestid'], 'the gateway still names the request');
  const seen = stage.seen.at(-1)!;
  assert.equal(seen.method, 'GET');
  assert.equal(seen.url, '/projects/my?page=1&x=%2F', 'path and query as received');
  assert.equal(seen.headers.authorization, 'Bearer stage-token');
  assert.equal(seen.headers.host, new URL(stage.url).host);
  assert.equal(seen.headers['x-forwarded-for'], '192.168.1.7');
  assert.equal(seen.headers['x-forwarded-host'], 'laptop.local:3000');
  assert.equal(seen.headers['x-forwarded-proto'], 'http');
  assert.match(String(seen.headers.via), /^1\.1 api-emulator-[0-9a-f]+$/);
  assert.equal(seen.headers['x-drop-me'], undefined, 'a header Connection names is hop-by-hop');
  assert.equal(seen.headers['x-keep'], 'yes');
});

test('several set-cookie headers come back apart, content-encoding untouched', async () => {
  const refresh = await app.inject({
    method: 'POST',
    url: '/auth/refresh',
    payload: '{}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(refresh.statusCode, 200);
  assert.deepEqual(refresh.headers['set-cookie'], ['session=abc; Path=/; HttpOnly', 'refresh=def; Path=/auth; Secure']);
  const gzipped = await app.inject({ method: 'GET', url: '/gzipped' });
  assert.equal(gzipped.headers['content-encoding'], 'gzip');
  assert.equal(gzipped.body, 'not really gzip, but passed on as it is');
});

test('a 5 MB body goes to the stage and back byte for byte', async () => {
  const bytes = randomBytes(5 * 1024 * 1024);
  const echoed = await app.inject({
    method: 'POST',
    url: '/echo',
    payload: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });
  assert.equal(echoed.statusCode, 200);
  assert.equal(echoed.rawPayload.length, bytes.length);
  assert.ok(echoed.rawPayload.equals(bytes));
});

test('a stage that answers too late is a 504, one that answers no HTTP a 502, in API Gateway’s body shape', async () => {
  const impatient = gatewayTo(stage.url, SHORT_TIMEOUT_MS);
  try {
    const slow = await impatient.inject({ method: 'GET', url: '/slow' });
    assert.equal(slow.statusCode, 504);
    assert.deepEqual(slow.json(), { message: 'Gateway Timeout' });
    assert.equal(stage.slowAnswers(), 0, 'answered at the configured timeout, before the stage did');
  } finally {
    await impatient.close();
  }
  const garbage = await app.inject({ method: 'GET', url: '/garbage' });
  assert.equal(garbage.statusCode, 502);
  assert.deepEqual(garbage.json(), { message: 'Bad Gateway' });
  assert.ok(reports.some((line) => line.includes(`${stage.url}/slow did not answer in time (--upstream-timeout ${SHORT_TIMEOUT_MS} ms)`)));
});

test("the stage's answer is the client's: a 503 is passed on once, never retried; the client keeps the emulator's request id", async () => {
  const before = stage.seen.length;
  const unavailable = await app.inject({ method: 'GET', url: '/unavailable' });
  assert.equal(unavailable.statusCode, 503);
  assert.equal(stage.seen.length, before + 1, 'API Gateway does not retry');
  const withId = await app.inject({ method: 'GET', url: '/with-request-id' });
  assert.match(String(withId.headers['apigw-requestid']), /^[A-Za-z0-9+/]+=*$/);
  assert.notEqual(withId.headers['apigw-requestid'], 'stage-request-id');
});

test('a query the stage must decode (dots, a bad escape) goes as it came; Expect and other per-connection headers stay here', async () => {
  const odd = await app.inject({ method: 'GET', url: '/projects/my?next=../x&q=%ZZ' });
  assert.equal(odd.statusCode, 200);
  assert.equal(stage.seen.at(-1)!.url, '/projects/my?next=../x&q=%ZZ');
  const expecting = await app.inject({
    method: 'POST',
    url: '/echo',
    payload: 'hello',
    headers: { 'content-type': 'text/plain', expect: '100-continue', 'keep-alive': 'timeout=5', te: 'trailers' },
  });
  assert.equal(expecting.statusCode, 200);
  assert.equal(expecting.body, 'hello');
  const seen = stage.seen.at(-1)!.headers;
  assert.equal(seen.expect, undefined);
  assert.equal(seen['keep-alive'], undefined);
});

test('a stage that is not there is a 502', async () => {
  const nowhere = gatewayTo(`http://127.0.0.1:${await freePort()}`);
  try {
    const answer = await nowhere.inject({ method: 'GET', url: '/projects/my' });
    assert.equal(answer.statusCode, 502);
    assert.deepEqual(answer.json(), { message: 'Bad Gateway' });
  } finally {
    await nowhere.close();
  }
});

test('an upstream that is the emulator itself: the request that comes back is refused, not forwarded forever', async () => {
  const port = await freePort();
  const looped = gatewayTo(`http://127.0.0.1:${port}`, 5_000);
  await looped.listen({ port, host: '127.0.0.1' });
  try {
    const answer = await fetch(`http://127.0.0.1:${port}/projects/my`);
    // The second pass is refused; the first passes the refusal on.
    assert.equal(answer.status, 508);
    assert.deepEqual(await answer.json(), { message: 'Loop Detected' });
  } finally {
    await looped.close();
  }
});

test("the emulator's own paths are never forwarded; CORS preflights of forwarded routes are the gateway's to answer", async () => {
  const before = stage.seen.length;
  for (const url of ['/_console/nothing', '/docs/nothing', '/openapi.yaml']) {
    const answer = await app.inject({ method: 'GET', url });
    assert.equal(answer.statusCode, 404, url);
    assert.deepEqual(answer.json(), { message: 'Not Found' }, url);
  }
  assert.deepEqual((await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json(), { keys: [] });
  assert.equal(stage.seen.length, before, 'the stage saw none of them');

  // An API with CORS but no route: its configuration is the one preflights on any path get.
  const corsOnly = buildApp({
    apis: [{ contract: { title: 't', routes: [], authorizer: null, notifications: [], environment: [] }, cors: CORS }],
    runtime,
    jwks: { keys: [] },
    upstream: { url: new URL(stage.url), timeoutMs: TIMEOUT_MS },
  });
  try {
    const preflight = await corsOnly.inject({
      method: 'OPTIONS',
      url: '/projects/my',
      headers: { origin: 'http://localhost:8081', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.equal(stage.seen.length, before, 'the preflight did not reach the stage');
  } finally {
    await corsOnly.close();
  }
});
