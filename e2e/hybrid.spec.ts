// Hybrid mode through one emulator port, as a mobile developer runs it: the
// disputes module from this laptop, everything else from the stage (a fake
// one on this machine: nothing here reaches the network). The suite starts an
// emulator of its own with --upstream pointing at it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { issueLocalToken } from '../server/auth/local-issuer.ts';
import { type FakeIssuer, startFakeIssuer } from '../test-support/fake-issuer.ts';
import { type FakeStage, STAGE_PROJECTS, startFakeStage } from '../test-support/fake-stage.ts';
import { type StartedEmulator, startEmulator } from '../test-support/start-emulator.ts';
import { targetIsLocal } from './support/tokens.ts';

test.describe.configure({ mode: 'serial' });
test.skip(!targetIsLocal || !!process.env.E2E_ZIPS, 'hybrid mode is the emulator’s own: it starts one of its own beside a fake stage');

let stage: FakeStage;
let issuer: FakeIssuer;
let emulator: StartedEmulator;
// Long enough for the stage's ordinary answers on a busy machine; the slow route takes far longer.
const UPSTREAM_TIMEOUT_MS = 3_000;
const AUDIENCE = 'handshake-app';
// The emulator's own keys (and the stage keys' disk copy) apart from the suite's.
const keyDir = mkdtempSync(path.join(tmpdir(), 'hybrid-keys-'));

test.beforeAll(async () => {
  [stage, issuer] = await Promise.all([startFakeStage({ slowMs: 15_000 }), startFakeIssuer()]);
  emulator = await startEmulator(
    () => undefined,
    [
      ...['--upstream', stage.url, '--upstream-timeout', String(UPSTREAM_TIMEOUT_MS)],
      ...['--jwt-issuer', issuer.issuer, '--jwt-audience', AUDIENCE, '--key-dir', keyDir],
    ],
  );
  await emulator.ready;
});

test.afterAll(async () => {
  if (emulator && emulator.server.exitCode === null) {
    const exited = new Promise((resolve) => emulator.server.once('exit', resolve));
    emulator.server.kill('SIGTERM');
    await exited;
  }
  await Promise.all([stage?.stop(), issuer?.stop()]);
  rmSync(keyDir, { recursive: true, force: true });
});

/** A token of the marketplace's own sign-in (the stage's issuer), as the published app holds. */
const stageToken = (userId: number, role: string) => issuer.sign(AUDIENCE, { sub: String(userId), role });
const localToken = (userId: number, role: string) => issueLocalToken({ keyDir, sub: String(userId), role });

test("the app's create journey with the stage's token: projects from the stage, the dispute from the local function, one Authorization header for both", async ({
  request,
}) => {
  const authorization = `Bearer ${stageToken(1, 'client')}`;
  const projects = await request.get(`${emulator.base}/projects/my`, { headers: { authorization } });
  expect(projects.status()).toBe(200);
  expect(await projects.json()).toEqual({ results: STAGE_PROJECTS, count: 1 });
  expect(stage.seen.at(-1)?.headers.authorization).toBe(authorization);

  const seenBefore = stage.seen.length;
  const created = await request.post(`${emulator.base}/disputes`, {
    headers: { authorization },
    data: { project: STAGE_PROJECTS[0]!.id, reason: 'quality', description: 'Opened in hybrid mode' },
  });
  expect(created.status()).toBe(201);
  // A contract route never goes upstream, whatever its function answers.
  const refused = await request.get(`${emulator.base}/disputes/not-a-number`, { headers: { authorization } });
  expect(refused.status()).toBe(400);
  expect(stage.seen.length).toBe(seenBefore);
  // Another method on a contract path is this module's 404 (naming the route it probably meant), not the stage's.
  const otherMethod = await request.put(`${emulator.base}/disputes/1/status`, { headers: { authorization }, data: {} });
  expect(otherMethod.status()).toBe(404);
  expect(await otherMethod.json()).toEqual({ message: 'Not Found' });
  expect(stage.seen.length).toBe(seenBefore);

  // The local issuer's tokens keep working beside the stage's (npm run -s token).
  const local = await request.get(`${emulator.base}/disputes`, { headers: { authorization: `Bearer ${localToken(1, 'client')}` } });
  expect(local.status()).toBe(200);
});

test('a 401 from the local authorizer, then the app’s /auth/refresh from the stage with its cookies intact', async ({ request }) => {
  const refused = await request.get(`${emulator.base}/disputes`, { headers: { authorization: 'Bearer expired.or.foreign' } });
  expect(refused.status()).toBe(401);
  const refresh = await request.post(`${emulator.base}/auth/refresh`, { data: { refresh: 'r' } });
  expect(refresh.status()).toBe(200);
  expect(await refresh.json()).toEqual({ access: 'new-token' });
  const cookies = refresh.headersArray().filter((header) => header.name.toLowerCase() === 'set-cookie');
  expect(cookies.map((header) => header.value)).toEqual(['session=abc; Path=/; HttpOnly', 'refresh=def; Path=/auth; Secure']);
});

test('a 5 MB body goes to the stage and back byte for byte, through the emulator’s port', async ({ request }) => {
  const bytes = randomBytes(5 * 1024 * 1024);
  const echoed = await request.post(`${emulator.base}/echo`, { data: bytes, headers: { 'content-type': 'application/octet-stream' } });
  expect(echoed.status()).toBe(200);
  const body = await echoed.body();
  expect(body.length).toBe(bytes.length);
  expect(body.equals(bytes)).toBe(true);
});

test('the console shows a forwarded request as its own kind, with the stage’s status and time', async ({ request }) => {
  const answer = await request.get(`${emulator.base}/projects/my`, { headers: { authorization: `Bearer ${localToken(2, 'master')}` } });
  const id = answer.headers()['apigw-requestid']!;
  await expect
    .poll(async () => {
      const record = await request.get(`${emulator.base}/_console/api/invocations/${encodeURIComponent(id)}`);
      return record.ok() ? ((await record.json()) as { upstream: unknown }).upstream : null;
    })
    .toMatchObject({ url: `${stage.url}/projects/my`, status: 200 });
});

test('a slow stage is a 504 within the configured timeout; a stage that has gone is a 502', async ({ request }) => {
  const slow = await request.get(`${emulator.base}/slow`);
  expect(slow.status()).toBe(504);
  expect(await slow.json()).toEqual({ message: 'Gateway Timeout' });
  expect(stage.slowAnswers(), 'answered at the configured timeout, before the stage did').toBe(0);
  await stage.stop();
  const gone = await request.get(`${emulator.base}/projects/my`);
  expect(gone.status()).toBe(502);
  expect(await gone.json()).toEqual({ message: 'Bad Gateway' });
});
