import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { asCurl, asPlaywrightTest, type SuiteStyle } from './copy-as.ts';
import type { InvocationRecord } from './console-types.ts';

const run = promisify(execFile);

/** A module's suite conventions, as the disputes module's plugin describes its own. */
const STYLE: SuiteStyle = {
  fixturesImport: './support/fixtures.ts',
  identitiesImport: './support/test-users.ts',
  identityForRole: { client: 'clientA', master: 'masterA', mediator: 'mediator', admin: 'admin' },
  note: 'The suite acts as its own identities: replace recorded ids with fixtures as needed.',
  routeKeys: new Set(['POST /disputes', 'GET /disputes', 'GET /disputes/{id}/messages']),
};

function recorded(overrides: Partial<InvocationRecord> & Pick<InvocationRecord, 'id' | 'method' | 'path'>): InvocationRecord {
  return {
    seq: 1,
    at: '2026-12-02T00:00:00.000Z',
    routeKey: null,
    caller: null,
    status: 200,
    durationMs: 1,
    functionName: null,
    coldStart: null,
    upstream: null,
    request: { headers: [], body: null, bodyEncoding: 'utf8', bodyTruncated: false },
    event: null,
    result: null,
    response: { statusCode: 200, headers: {}, body: '', bodyEncoding: 'utf8', bodyTruncated: false },
    logs: [],
    gatewayReason: null,
    ...overrides,
  };
}

/** A server that answers what it received: method, path, the headers asked about, and the body's bytes. */
async function echoServer() {
  const received: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }> = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
    response.writeHead(received.length === 1 ? 201 : 404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => server.close() };
}

test('copied as curl and run by a shell, each request arrives as it was recorded: method, path, headers, body bytes', async () => {
  const server = await echoServer();
  try {
    const json = `{"description":"it's $(rm -rf /) and \`ls\` and \\"quoted\\"","n":1}`;
    const bytes = Buffer.from([0, 1, 2, 255, 39, 10, 13, 34]);
    const text = asCurl(
      [
        recorded({
          id: 'a',
          method: 'POST',
          path: '/disputes?x=1&y=a%20b',
          request: {
            headers: [
              ['Host', 'elsewhere:1'],
              ['authorization', "Bearer it's.a.token"],
              ['content-type', 'application/json'],
              ['Content-Length', '999'],
              ['Idempotency-Key', 'k-1'],
            ],
            body: json,
            bodyEncoding: 'utf8',
            bodyTruncated: false,
          },
        }),
        recorded({
          id: 'b',
          method: 'PUT',
          path: '/files/x',
          request: {
            headers: [['content-type', 'application/octet-stream']],
            body: bytes.toString('base64'),
            bodyEncoding: 'base64',
            bodyTruncated: false,
          },
        }),
      ],
      server.origin,
    );
    const commands = text.split('\n\n');
    assert.equal(commands.length, 2);
    const statuses = [];
    for (const command of commands) {
      const { stdout } = await run('sh', ['-c', `${command} -o /dev/null -w '%{http_code}'`]);
      statuses.push(stdout);
    }
    assert.deepEqual(statuses, ['201', '404']);
    const [first, second] = server.received;
    assert.equal(first?.method, 'POST');
    assert.equal(first?.url, '/disputes?x=1&y=a%20b');
    assert.equal(first?.headers.authorization, "Bearer it's.a.token");
    assert.equal(first?.headers['idempotency-key'], 'k-1');
    assert.equal(first?.headers.host, server.origin.slice('http://'.length), 'curl addresses the emulator, not the recorded host');
    assert.equal(first?.body.toString('utf8'), json);
    assert.equal(second?.method, 'PUT');
    assert.deepEqual(second?.body, bytes);
  } finally {
    server.close();
  }
});

test('a cut body is said to be cut', () => {
  const text = asCurl(
    [recorded({ id: 'a', method: 'POST', path: '/x', request: { headers: [], body: 'abc', bodyEncoding: 'utf8', bodyTruncated: true } })],
    'http://127.0.0.1:3000',
  );
  assert.match(text, /^# The console kept only the start of this body/);
});

test('copied as a Playwright test: the typed client per role, path and query from the event, the created id reused, raw requests for the rest', () => {
  const created = recorded({
    id: 'a',
    method: 'POST',
    path: '/disputes',
    routeKey: 'POST /disputes',
    caller: { userId: '1', role: 'client' },
    status: 201,
    request: {
      headers: [['content-type', 'application/json']],
      body: '{"project":5,"reason":"quality"}',
      bodyEncoding: 'utf8',
      bodyTruncated: false,
    },
    event: { pathParameters: undefined },
    response: { statusCode: 201, headers: {}, body: '{"id":42,"status":"open"}', bodyEncoding: 'utf8', bodyTruncated: false },
  });
  const read = recorded({
    id: 'b',
    method: 'GET',
    path: '/disputes/42/messages?limit=5',
    routeKey: 'GET /disputes/{id}/messages',
    caller: { userId: '3', role: 'mediator' },
    event: { pathParameters: { id: '42' }, queryStringParameters: { limit: '5' } },
  });
  const refused = recorded({ id: 'c', method: 'GET', path: '/disputes', routeKey: 'GET /disputes', status: 401 });
  const text = asPlaywrightTest([created, read, refused], STYLE);
  assert.match(
    text,
    /^import \{ expect, test \} from '\.\/support\/fixtures\.ts';\nimport \{ clientA, mediator \} from '\.\/support\/test-users\.ts';/,
  );
  assert.match(text, /async \(\{ as, request \}\) => \{/);
  assert.match(
    text,
    /const asClientA = await as\(clientA\);\n {2}const step1 = await asClientA\.POST\('\/disputes', \{ body: \{"project":5,"reason":"quality"\} \}\);\n {2}expect\(step1\.response\.status\)\.toBe\(201\);/,
  );
  assert.match(
    text,
    /const step2 = await asMediator\.GET\('\/disputes\/\{id\}\/messages', \{ params: \{ path: \{ id: step1\.data!\.id \}, query: \{ limit: 5 \} \} \}\);/,
  );
  assert.match(
    text,
    /const step3 = \{ response: await request\.fetch\("\/disputes", \{ method: 'GET', headers: \{\} \}\) \};\n {2}expect\(step3\.response\.status\(\)\)\.toBe\(401\);/,
  );
  assert.ok(text.indexOf('step1') < text.indexOf('step2') && text.indexOf('step2') < text.indexOf('step3'), 'in the order given');
});

test('an asynchronous invocation is not a request: copy-as says so instead of inventing one', () => {
  const notified = recorded({
    id: 'r#1',
    method: 'EVENT',
    path: 'S3 ObjectCreated:Post uploads/1/a.png (attempt 1 of 3)',
    functionName: 'fn-confirm',
  });
  assert.match(
    asCurl([notified], 'http://127.0.0.1:3000'),
    /^# S3 ObjectCreated:Post uploads\/1\/a\.png \(attempt 1 of 3\): an asynchronous invocation by S3, not an HTTP request/,
  );
  const test = asPlaywrightTest([notified], STYLE);
  assert.match(test, /\/\/ S3 ObjectCreated:Post .* → fn-confirm: an asynchronous invocation, not a request/);
  assert.doesNotMatch(test, /const step1/);
});

test("without a module's suite style, or for a route it does not know, the steps are plain Playwright requests", () => {
  const other = recorded({
    id: 'p',
    method: 'GET',
    path: '/projects/my',
    routeKey: 'GET /projects/my',
    caller: { userId: '5', role: 'client' },
    request: { headers: [['authorization', 'Bearer t']], body: null, bodyEncoding: 'utf8', bodyTruncated: false },
  });
  for (const text of [asPlaywrightTest([other]), asPlaywrightTest([other], STYLE)]) {
    assert.doesNotMatch(text, /as\(|test-users/);
    assert.match(
      text,
      /const step1 = \{ response: await request\.fetch\("\/projects\/my", \{ method: 'GET', headers: \{"authorization":"Bearer t"\} \}\) \};/,
    );
    assert.match(text, /async \(\{ request \}\) => \{/);
  }
  assert.match(asPlaywrightTest([other]), /^import \{ expect, test \} from '@playwright\/test';/);
});
