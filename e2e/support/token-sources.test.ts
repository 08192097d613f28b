// The token sources, each against what it talks to: a shell command, and an
// OAuth2 token endpoint (a small server here: the identity provider is a
// boundary this project does not own).
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { IDENTITIES } from './identities.ts';
import { tokenSource } from './token-sources.ts';

const clientA = IDENTITIES.find((spec) => spec.name === 'client-a')!;

test('E2E_TOKEN_COMMAND runs once per call with the identity, its seed id and role in the environment', async () => {
  const source = tokenSource(
    { E2E_TOKEN_COMMAND: 'printf "%s" "tok-$E2E_IDENTITY-$E2E_USER_ID-$E2E_USER_ROLE"', PATH: process.env['PATH'] },
    false,
  );
  assert.equal(await source(clientA), `tok-client-a-${clientA.localId}-client`);
  const overridden = tokenSource(
    { E2E_TOKEN_COMMAND: 'echo "$E2E_USER_ID"', E2E_CLIENT_A_USER_ID: '77', PATH: process.env['PATH'] },
    false,
  );
  assert.equal(await overridden(clientA), '77');
});

test('a failing or silent command names the identity and what it printed on stderr', async () => {
  await assert.rejects(
    tokenSource({ E2E_TOKEN_COMMAND: 'echo "no such user" >&2; exit 3', PATH: process.env['PATH'] }, false)(clientA),
    /client-a failed: no such user/,
  );
  await assert.rejects(tokenSource({ E2E_TOKEN_COMMAND: 'true', PATH: process.env['PATH'] }, false)(clientA), /printed nothing/);
});

test('a stage without a token setting is refused; the emulator mints its own', async () => {
  assert.throws(() => tokenSource({}, false), /E2E_TOKEN_COMMAND or E2E_TOKEN_URL/);
  assert.match(await tokenSource({}, true)(clientA), /^[\w-]+\.[\w-]+\.[\w-]+$/);
});

interface TokenRequest {
  form: URLSearchParams;
  authorization: string | undefined;
}

async function tokenEndpoint(
  t: TestContext,
  answer: (request: TokenRequest) => [number, object],
): Promise<{ url: string; seen: TokenRequest[] }> {
  const seen: TokenRequest[] = [];
  const read = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString();
  };
  const server = createServer(async (request, response) => {
    const received = { form: new URLSearchParams(await read(request)), authorization: request.headers.authorization };
    seen.push(received);
    const [status, body] = answer(received);
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`, seen };
}

test('password grant: the identity signs in with its user name and password, the client authenticates with Basic', async (t) => {
  const endpoint = await tokenEndpoint(t, () => [200, { access_token: 'access', id_token: 'id', token_type: 'Bearer' }]);
  const env = {
    E2E_TOKEN_URL: endpoint.url,
    E2E_OAUTH_CLIENT_ID: 'suite',
    E2E_OAUTH_CLIENT_SECRET: 's3cret',
    E2E_OAUTH_SCOPE: 'disputes/api',
    E2E_CLIENT_A_USERNAME: 'client-a@example.com',
    E2E_CLIENT_A_PASSWORD: 'pw',
  };
  assert.equal(await tokenSource(env, false)(clientA), 'access');
  assert.equal(await tokenSource({ ...env, E2E_TOKEN_FIELD: 'id_token' }, false)(clientA), 'id');
  const [first] = endpoint.seen;
  assert.deepEqual(Object.fromEntries(first!.form), {
    grant_type: 'password',
    username: 'client-a@example.com',
    password: 'pw',
    scope: 'disputes/api',
  });
  assert.equal(first!.authorization, `Basic ${Buffer.from('suite:s3cret').toString('base64')}`);
});

test('client credentials: the identity is a client of its own; a public client names itself in the form', async (t) => {
  const endpoint = await tokenEndpoint(t, ({ form }) =>
    form.get('client_id') === 'public' ? [200, { access_token: 'p' }] : [200, { access_token: 'cc' }],
  );
  assert.equal(
    await tokenSource({ E2E_TOKEN_URL: endpoint.url, E2E_CLIENT_A_CLIENT_ID: 'a', E2E_CLIENT_A_CLIENT_SECRET: 'b' }, false)(clientA),
    'cc',
  );
  assert.equal(endpoint.seen[0]!.form.get('grant_type'), 'client_credentials');
  assert.equal(endpoint.seen[0]!.authorization, `Basic ${Buffer.from('a:b').toString('base64')}`);
  assert.equal(await tokenSource({ E2E_TOKEN_URL: endpoint.url, E2E_CLIENT_A_CLIENT_ID: 'public' }, false)(clientA), 'p');
});

test("the endpoint's refusal, a missing token field and a missing identity setting are errors naming the identity", async (t) => {
  const endpoint = await tokenEndpoint(t, () => [400, { error: 'invalid_grant' }]);
  const env = { E2E_TOKEN_URL: endpoint.url, E2E_CLIENT_A_USERNAME: 'u', E2E_CLIENT_A_PASSWORD: 'p' };
  await assert.rejects(tokenSource(env, false)(clientA), /client-a: 400 .*invalid_grant/);
  const empty = await tokenEndpoint(t, () => [200, { token_type: 'Bearer' }]);
  await assert.rejects(tokenSource({ ...env, E2E_TOKEN_URL: empty.url }, false)(clientA), /no "access_token"/);
  await assert.rejects(tokenSource({ E2E_TOKEN_URL: endpoint.url }, false)(clientA), /E2E_CLIENT_A_USERNAME .* or E2E_CLIENT_A_CLIENT_ID/);
});
