import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { registerDocsPage } from './docs-page.ts';

const contractFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'openapi.yaml');
const users = [{ id: 1, name: 'Alice Client', role: 'client' }];

async function docsApp(mint = true) {
  const app = Fastify();
  registerDocsPage(app, { contractFile, users, ...(mint ? { mintToken: (id: number) => `token-of-${id}` } : {}) });
  await app.ready();
  return app;
}

test('a token is minted for a seed user, for a browser on this machine only', async (t) => {
  const app = await docsApp();
  t.after(() => app.close());
  const local = await app.inject({ url: '/docs/token?user=1', remoteAddress: '127.0.0.1' });
  assert.deepEqual(local.json(), { token: 'token-of-1' });
  assert.equal((await app.inject({ url: '/docs/token?user=1', remoteAddress: '192.168.1.5' })).statusCode, 404, 'not for the LAN');
  assert.equal((await app.inject({ url: '/docs/token?user=2', remoteAddress: '127.0.0.1' })).statusCode, 404, 'not for any id');
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
