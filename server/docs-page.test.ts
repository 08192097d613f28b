import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { parse } from 'yaml';
import { isDocsPath, registerDocsPage } from './docs-page.ts';

const contractFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'openapi.yaml');
const users = [{ id: 1, name: 'Alice Client', role: 'client' }];

async function docsApp(mint = true) {
  const app = Fastify();
  registerDocsPage(app, {
    contracts: [{ name: 'disputes-api', title: 'Disputes API', file: contractFile }],
    users,
    ...(mint ? { mintToken: (id: number) => `token-of-${id}` } : {}),
  });
  await app.ready();
  return app;
}

test('a token is minted for a seed user, for a browser on this machine only', async (t) => {
  const app = await docsApp();
  t.after(() => app.close());
  const page = { host: '127.0.0.1:3000', 'sec-fetch-site': 'same-origin' };
  const ask = (headers: Record<string, string>, remoteAddress = '127.0.0.1', user = 1) =>
    app.inject({ url: `/docs/token?user=${user}`, remoteAddress, headers });
  assert.deepEqual((await ask(page)).json(), { token: 'token-of-1' });
  assert.equal((await ask({ ...page, host: 'localhost:3000' })).statusCode, 200);
  assert.equal((await ask({ ...page, host: '[::1]:3000' }, '::1')).statusCode, 200);
  for (const [why, headers, remote] of [
    ['from the LAN', page, '192.168.1.5'],
    ['a page named otherwise (DNS rebinding)', { ...page, host: 'evil.example:3000' }, '127.0.0.1'],
    ['through a tunnel', { ...page, 'x-forwarded-for': '203.0.113.9' }, '127.0.0.1'],
    ['through a proxy', { ...page, forwarded: 'for=203.0.113.9' }, '127.0.0.1'],
    ['from another site', { ...page, 'sec-fetch-site': 'cross-site' }, '127.0.0.1'],
    ['not from a page', { host: '127.0.0.1:3000' }, '127.0.0.1'],
  ] as const) {
    const answer = await ask(headers, remote);
    assert.equal(answer.statusCode, 404, why);
    assert.equal(answer.headers['access-control-allow-origin'], undefined, why);
  }
  assert.equal((await ask(page, '127.0.0.1', 2)).statusCode, 404, 'not for any id');
  const stage = await docsApp(false);
  t.after(() => stage.close());
  assert.equal(
    (await stage.inject({ url: '/docs/token?user=1', remoteAddress: '127.0.0.1' })).statusCode,
    404,
    'not with a stage’s tokens',
  );
  assert.doesNotMatch((await stage.inject({ url: '/docs' })).body, /<select/);
});

test("the docs' contract calls this emulator first and starts optional parameters empty; /openapi.yaml is the file", async (t) => {
  const app = await docsApp();
  t.after(() => app.close());
  const contract = (await app.inject({ url: '/docs/openapi.json', headers: { host: '127.0.0.1:4321' } })).json() as {
    servers: { url: string }[];
    components: { parameters: Record<string, { required?: boolean; example?: unknown }> };
  };
  assert.equal(contract.servers[0]?.url, 'http://127.0.0.1:4321');
  assert.equal(contract.components.parameters['Cursor']?.example, undefined);
  assert.notEqual(contract.components.parameters['DisputeId']?.example, undefined, 'a required one keeps its example');
  const file = await app.inject({ url: '/openapi.yaml' });
  assert.match(file.headers['content-type'] as string, /^application\/yaml/);
  assert.match(file.body, /^openapi: 3\.0\.3/);
});

test('no route of the contract lies under /docs or at /openapi.yaml, so the docs page never hides one', async () => {
  const paths = Object.keys((parse(readFileSync(contractFile, 'utf8')) as { paths: Record<string, unknown> }).paths);
  assert.deepEqual(paths.filter(isDocsPath), []);
});

test('/docs?user=<id> opens with that seed user picked; any other value picks nobody', async (t) => {
  const app = await docsApp();
  t.after(() => app.close());
  const page = async (query: string) => (await app.inject({ url: `/docs${query}` })).body;
  assert.match(await page('?user=1'), /<option value="1" selected>/);
  for (const query of ['', '?user=2', '?user=one', '?user=', '?user=1&user=1', '?user=1.0x']) {
    assert.doesNotMatch(await page(query), /<option[^>]* selected/, query || 'no query');
  }
  const headers = (await app.inject({ url: '/docs?user=1' })).headers;
  assert.equal(headers['x-frame-options'], 'DENY', 'no other site frames the page that fills in tokens');
  assert.equal(headers['content-security-policy'], "frame-ancestors 'none'");
});
