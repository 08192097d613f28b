import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerConsole, type ConsoleOptions } from './console-routes.ts';
import { createInvocationRing, type InvocationRing } from './invocation-ring.ts';
import type { InvocationRecord, InvocationSummary } from './console-types.ts';

const local = { host: '127.0.0.1:3000' };
const fromPage = { ...local, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };

function consoleApp(overrides: Partial<ConsoleOptions> = {}): { app: FastifyInstance; ring: InvocationRing } {
  const ring = createInvocationRing(10);
  const app = Fastify();
  // As the emulator's app: every body arrives as bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  registerConsole(app, {
    ring,
    users: [{ id: 1, name: 'Alice Client', role: 'client' }],
    mintToken: (userId) => `token-for-${userId}`,
    openToLan: false,
    ...overrides,
  });
  return { app, ring };
}

const record = (id: string): InvocationRecord => ({
  id,
  seq: 1,
  at: '2026-12-02T00:00:00.000Z',
  method: 'GET',
  path: '/disputes',
  routeKey: 'GET /disputes',
  caller: { userId: '1', role: 'client' },
  status: 200,
  durationMs: 3,
  functionName: 'fn',
  coldStart: true,
  upstream: null,
  request: { headers: [['authorization', 'Bearer t']], body: null, bodyEncoding: 'utf8', bodyTruncated: false },
  event: { rawPath: '/disputes' },
  result: { statusCode: 200 },
  response: { statusCode: 200, headers: {}, body: '{}', bodyEncoding: 'utf8', bodyTruncated: false },
  logs: ['START RequestId: r Version: $LATEST'],
  gatewayReason: null,
});

test('the console is for this machine: another address, a non-loopback Host or a relayed request get a 404, as any unknown path', async () => {
  const { app, ring } = consoleApp();
  ring.add(record('a'));
  const asked = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'GET', url: '/_console/api/invocations', headers, remoteAddress });
  assert.equal((await asked(local)).statusCode, 200);
  for (const [why, response] of [
    ['another machine', await asked(local, '192.168.1.9')],
    ['a rebound name', await asked({ host: 'attacker.example:3000' })],
    ['a tunnel', await asked({ ...local, 'x-forwarded-for': '203.0.113.9' })],
  ] as const) {
    assert.equal(response.statusCode, 404, why);
    assert.deepEqual(response.json(), { message: 'Not Found' }, why);
  }
  await app.close();
  const open = consoleApp({ openToLan: true, lanHosts: ['192.168.1.20'] });
  const fromLan = (host: string) =>
    open.app.inject({ method: 'GET', url: '/_console/api/users', headers: { host }, remoteAddress: '192.168.1.9' });
  assert.equal((await fromLan('192.168.1.20:3000')).statusCode, 200, "--console-on-lan opens it, by this machine's address");
  assert.equal((await fromLan('attacker.example:3000')).statusCode, 404, 'a rebound name is refused even then');
  await open.app.close();
});

test('no other site may frame the console or embed what it serves', async () => {
  const { app } = consoleApp();
  const response = await app.inject({ method: 'GET', url: '/_console/api/users', headers: local });
  assert.equal(response.headers['x-frame-options'], 'DENY');
  assert.equal(response.headers['content-security-policy'], "frame-ancestors 'none'");
  assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin');
  await app.close();
});

test('its actions (token, copy, clear) are taken from its own page only', async () => {
  const { app, ring } = consoleApp();
  ring.add(record('a'));
  const noPage = await app.inject({
    method: 'POST',
    url: '/_console/api/token',
    headers: { ...local, 'content-type': 'application/json' },
    payload: '{"userId":1}',
  });
  assert.equal(noPage.statusCode, 403);
  const otherSite = await app.inject({
    method: 'DELETE',
    url: '/_console/api/invocations',
    headers: { ...local, 'sec-fetch-site': 'cross-site' },
  });
  assert.equal(otherSite.statusCode, 403);
  assert.equal(ring.summaries().length, 1, 'nothing was cleared');
  assert.deepEqual((await app.inject({ method: 'POST', url: '/_console/api/token', headers: fromPage, payload: '{"userId":1}' })).json(), {
    token: 'token-for-1',
  });
  assert.equal(
    (await app.inject({ method: 'POST', url: '/_console/api/token', headers: fromPage, payload: '{"userId":2}' })).statusCode,
    404,
    'seed users only',
  );
  assert.equal((await app.inject({ method: 'DELETE', url: '/_console/api/invocations', headers: fromPage })).statusCode, 204);
  assert.deepEqual(ring.summaries(), []);
  await app.close();
  const stage = consoleApp({ mintToken: undefined });
  const refused = await stage.app.inject({ method: 'POST', url: '/_console/api/token', headers: fromPage, payload: '{"userId":1}' });
  assert.equal(refused.statusCode, 404);
  assert.match(refused.json().message, /stage's tokens/);
  await stage.app.close();
});

test('invocations by id, and copy-as with clear errors for a bad request', async () => {
  const { app, ring } = consoleApp();
  ring.add(record('a'));
  assert.equal((await app.inject({ method: 'GET', url: '/_console/api/invocations/a', headers: local })).json().event.rawPath, '/disputes');
  assert.equal((await app.inject({ method: 'GET', url: '/_console/api/invocations/gone', headers: local })).statusCode, 404);
  const copy = (payload: string) => app.inject({ method: 'POST', url: '/_console/api/copy', headers: fromPage, payload });
  assert.equal((await copy('not json')).statusCode, 400);
  assert.equal((await copy('{"ids":["a"],"as":"wget"}')).statusCode, 400);
  assert.equal((await copy('{"ids":["gone"],"as":"curl"}')).statusCode, 404);
  assert.equal((await copy('{"ids":["a","gone"],"as":"playwright"}')).json().count, 1, 'says how many it covers');
  assert.match(
    (await copy('{"ids":["a"],"as":"curl"}')).json().text,
    /^curl -sS -X GET 'http:\/\/127\.0\.0\.1:3000\/disputes' \\\n {2}-H 'authorization: Bearer t'$/,
  );
  await app.close();
});

test('the stream sends new requests as server-sent events, in batches, and closing the server ends it', { timeout: 30_000 }, async () => {
  const { app, ring } = consoleApp();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const response = await fetch(`${address}/_console/api/stream`);
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const next = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const match = pattern.exec(text);
      if (match) return match;
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended: ${text}`);
      text += value;
    }
  };
  await next(/^: .*\n\n/);
  ring.add(record('a'));
  ring.add(record('b'));
  const [, data] = await next(/event: invocations\ndata: (.*)\n\n/);
  const summaries = JSON.parse(data!) as InvocationSummary[];
  assert.deepEqual(
    summaries.map((summary) => summary.id),
    ['a', 'b'],
    'both in one event, in order',
  );
  assert.equal('event' in summaries[0]!, false, 'the stream carries summaries; details are fetched by id');
  ring.add(record('c'));
  ring.clear();
  await next(/event: cleared\n/);
  assert.doesNotMatch(text, /"id":"c"/, 'what waited to be sent went with the clear');
  await app.close();
  assert.equal((await reader.read()).done, true, 'the stream ended with the server');
});

test("a module's view: its routes under /_console/api/modules/<name>/, for this machine only, a failure answered as {message}", async () => {
  const { app } = consoleApp({
    moduleViews: [
      {
        module: 'projects-api',
        pageScript: '/nowhere/view.ts',
        routes: async (scope) => {
          scope.get('/projects', async () => ({ projects: ['p1'] }));
          scope.get('/broken', async () => {
            throw new Error('the projects table is gone');
          });
        },
      },
    ],
  });
  const ok = await app.inject({ method: 'GET', url: '/_console/api/modules/projects-api/projects', headers: local });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json(), { projects: ['p1'] });
  const broken = await app.inject({ method: 'GET', url: '/_console/api/modules/projects-api/broken', headers: local });
  assert.equal(broken.statusCode, 500);
  assert.deepEqual(broken.json(), { message: 'the projects table is gone' });
  const elsewhere = await app.inject({
    method: 'GET',
    url: '/_console/api/modules/projects-api/projects',
    headers: { host: '192.168.1.20:3000' },
    remoteAddress: '192.168.1.7',
  });
  assert.equal(elsewhere.statusCode, 404);
});
