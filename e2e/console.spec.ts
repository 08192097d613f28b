// The emulator's dev console (/_console) in a real browser (Debian's Chromium,
// as for the docs page): requests made with the suite's clients show up live,
// their detail says what happened and why, copy-as gives a command that does
// the same again, the data view shows a test's own dispute, and the token
// switcher mints a seed user's token. Reset to seed is never run here: it
// would empty the table under the other tests of the run.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { type APIResponse, type Browser, chromium, type Locator, type Page } from '@playwright/test';
import { expect, test as base } from './support/fixtures.ts';
import { freshProject, mediator } from './support/test-users.ts';
import { targetIsLocal } from './support/tokens.ts';

const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const run = promisify(execFile);

const test = base.extend<{ consolePage: Page }, { consoleBrowser: Browser }>({
  consoleBrowser: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring.
    async ({}, use) => {
      if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: sudo apt-get install chromium, or set E2E_CHROMIUM to one`);
      const browser = await chromium.launch({ executablePath: CHROMIUM });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  /** The console, its stream open and its list fetched: what happens from now on can only arrive live. */
  consolePage: async ({ consoleBrowser, baseURL }, use) => {
    const context = await consoleBrowser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseURL}/_console`);
    await expect(page.locator('#stream-state')).toHaveAttribute('data-state', 'live');
    await expect(page.locator('#invocations')).toHaveAttribute('data-listed', 'true');
    await use(page);
    await context.close();
  },
});

test.skip(!targetIsLocal, 'the console is the emulator’s; a deployed stage has none');

/** API Gateway's id of the request, which the console files it under. */
const requestId = (response: Response | APIResponse): string => {
  const id = response instanceof Response ? response.headers.get('apigw-requestid') : response.headers()['apigw-requestid'];
  if (!id) throw new Error('the response has no apigw-requestid header');
  return id;
};
const rowOf = (page: Page, id: string): Locator => page.locator(`[data-testid="invocation-row"][data-id="${id}"]`);

async function openRow(page: Page, id: string): Promise<void> {
  await rowOf(page, id).click();
  await expect(page.locator('#detail')).toHaveAttribute('data-id', id);
  await expect(page.locator('#detail')).toHaveAttribute('data-state', 'ready');
}

async function copiedText(page: Page, button: string): Promise<string> {
  await page.click(button);
  await expect(page.locator('#copy-panel')).toHaveAttribute('data-state', 'ready');
  return page.getByTestId('copy-text').inputValue();
}

test('requests show live with route, caller and status; the detail has the event, the logs and why the gateway refused', async ({
  consolePage: page,
  as,
  request,
}) => {
  const project = freshProject();
  const created = await (await as(project.client)).POST('/disputes', {
    body: { project: project.id, reason: 'quality', description: 'Seen in the console' },
  });
  expect(created.response.status).toBe(201);
  const noToken = await request.get('/disputes');
  expect(noToken.status()).toBe(401);
  // The contract has PATCH for this path.
  const unmatched = await request.put(`/disputes/${created.data!.id}/status`, { data: { status: 'resolved' } });
  expect(unmatched.status()).toBe(404);
  const ids = {
    created: requestId(created.response),
    noToken: requestId(noToken),
    unmatched: requestId(unmatched),
  };

  const createdRow = rowOf(page, ids.created);
  await expect(createdRow.locator('[data-col="route"]')).toHaveText('POST /disputes');
  await expect(createdRow.locator('[data-col="caller"]')).toHaveText(`user ${project.client.id} · client`);
  await expect(createdRow.locator('[data-col="status"]')).toHaveText('201');
  await expect(createdRow.locator('[data-col="function"]')).toHaveText(/^handshake-create-dispute-/);
  const refusedRow = rowOf(page, ids.noToken);
  await expect(refusedRow.locator('[data-col="status"]')).toHaveText('401');
  await expect(refusedRow.locator('[data-col="caller"]')).toHaveText('—');
  await expect(refusedRow).toHaveClass(/\bfailed\b/);
  const unmatchedRow = rowOf(page, ids.unmatched);
  await expect(unmatchedRow.locator('[data-col="route"]')).toHaveText(`/disputes/${created.data!.id}/status`);
  await expect(unmatchedRow.locator('[data-col="status"]')).toHaveText('404');
  // Newest on top.
  const order = await page.locator('[data-testid="invocation-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
  const positions = [ids.unmatched, ids.noToken, ids.created].map((id) => order.indexOf(id));
  expect(
    positions.every((position) => position >= 0),
    'all three rows are shown',
  ).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));

  await openRow(page, ids.created);
  await expect(page.getByTestId('why')).toBeHidden();
  await page.click('#detail-tabs [data-tab="event"]');
  await expect(page.getByTestId('event')).toContainText('"routeKey": "POST /disputes"');
  await expect(page.getByTestId('event')).toContainText('"rawPath": "/disputes"');
  await page.click('#detail-tabs [data-tab="logs"]');
  const lines = await page.getByTestId('logs').locator('.log-line').allTextContents();
  expect(lines[0]).toMatch(/^START RequestId: /);
  expect(lines.at(-1)).toMatch(/^REPORT RequestId: /);

  await openRow(page, ids.unmatched);
  await expect(page.getByTestId('why')).toContainText('PATCH /disputes/{id}/status');
  await openRow(page, ids.noToken);
  await expect(page.getByTestId('why')).toContainText('JWT authorizer');

  // The status filter keeps the refused ones and hides the created one.
  await page.selectOption('#filter-status', 'errors');
  await expect(refusedRow).toBeVisible();
  await expect(createdRow).toHaveCount(0);
});

test('copy as curl: the command, run by a shell, gets the status the console recorded', async ({ consolePage: page, as, openDispute }) => {
  const { dispute, initiator } = await openDispute();
  const read = await (await as(initiator)).GET('/disputes/{id}', { params: { path: { id: dispute.id } } });
  expect(read.response.status).toBe(200);
  const id = requestId(read.response);

  await openRow(page, id);
  const recorded = await rowOf(page, id).getAttribute('data-status');
  const command = await copiedText(page, '#copy-curl');
  expect(command).toContain(`/disputes/${dispute.id}`);
  const { stdout } = await run('sh', ['-c', `${command} -o /dev/null -w '%{http_code}'`], { timeout: 15_000 });
  expect(stdout).toBe(recorded);
  expect(recorded).toBe('200');
});

test('copy as Playwright test: two selected requests, in the order they were made', async ({ consolePage: page, as, openDispute }) => {
  const { dispute, initiator } = await openDispute();
  const client = await as(initiator);
  const at = { params: { path: { id: dispute.id } } };
  const sent = await client.POST('/disputes/{id}/messages', { ...at, body: { message: 'Copied from the console' } });
  const read = await client.GET('/disputes/{id}', at);
  const ids = { sent: requestId(sent.response), read: requestId(read.response) };

  // Selected newest first: the copy is in time order whatever the order of the clicks.
  await rowOf(page, ids.read).getByTestId('select-row').check();
  await rowOf(page, ids.sent).getByTestId('select-row').check();
  await expect(page.locator('#selection-count')).toHaveText('2 selected');
  const text = await copiedText(page, '#copy-selection-playwright');

  expect(text).toContain("from './support/fixtures.ts'");
  expect(text).toMatch(/^test\(/m);
  const post = text.indexOf(`POST /disputes/${dispute.id}/messages → 201`);
  const get = text.indexOf(`GET /disputes/${dispute.id} → 200`);
  expect(post).toBeGreaterThan(-1);
  expect(get).toBeGreaterThan(post);
  expect(text).toContain('Copied from the console');
});

test('data: a test’s dispute with its status, and a staff-only message marked as such', async ({ consolePage: page, as, openDispute }) => {
  const { dispute, initiator } = await openDispute();
  const at = { params: { path: { id: dispute.id } } };
  const note = `Staff only, dispute ${dispute.id}`;
  const internal = await (await as(mediator)).POST('/disputes/{id}/messages', { ...at, body: { message: note, is_internal: true } });
  expect(internal.response.status).toBe(201);
  const said = `Said to everyone, dispute ${dispute.id}`;
  expect((await (await as(initiator)).POST('/disputes/{id}/messages', { ...at, body: { message: said } })).response.status).toBe(201);

  await page.click('#views [data-view="data"]');
  await page.fill('#dispute-filter', String(dispute.id));
  const row = page.locator(`[data-testid="dispute-row"][data-dispute-id="${dispute.id}"]`);
  await expect(row.locator('[data-col="status"]')).toHaveText(dispute.status);
  await row.click();
  await expect(page.locator('#dispute-view')).toHaveAttribute('data-dispute-id', String(dispute.id));
  await expect(page.getByTestId('dispute-fields').locator('[data-field="status"] td').nth(1)).toHaveText(dispute.status);

  const messages = page.getByTestId('dispute-messages');
  const staffOnly = messages.locator('tbody tr', { hasText: note });
  await expect(staffOnly).toHaveAttribute('data-internal', 'true');
  await expect(staffOnly).toContainText('staff only');
  const everyone = messages.locator('tbody tr', { hasText: said });
  await expect(everyone).toHaveAttribute('data-internal', 'false');
  await expect(everyone).not.toContainText('staff only');
});

test('reset to seed asks first, and sends nothing when the answer is no', async ({ consolePage: page }) => {
  // Whatever the page does, no reset reaches the emulator that the whole run shares.
  const resets: string[] = [];
  await page.route('**/_console/api/reset', async (route) => {
    resets.push(route.request().method());
    await route.abort();
  });
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });

  await page.click('#views [data-view="data"]');
  await page.click('#reset-seed');
  await expect(page.locator('#reset-status')).toContainText('cancelled');
  expect(asked).toEqual([expect.stringMatching(/^confirm: Reset to seed\?/)]);
  expect(resets).toEqual([]);
});

test('tokens: a chosen seed user gets a token for them, which the API accepts', async ({ consolePage: page, request }) => {
  await page.click('#views [data-view="tokens"]');
  for (const userId of ['3', '5']) {
    await page.selectOption('#token-user', userId);
    await expect(page.locator('#token-result')).toHaveAttribute('data-user-id', userId);
    const token = await page.getByTestId('token').inputValue();
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string };
    expect(claims.sub).toBe(userId);
    await expect(page.locator('#docs-link')).toHaveAttribute('href', `/docs?user=${userId}`);
    const answer = await request.get('/disputes', { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status()).toBe(200);
  }
  await page.click('#docs-link');
  await expect(page).toHaveURL(/\/docs\?user=5$/);
  await expect(page.locator('#who')).toHaveText('token set for user 5');
});
