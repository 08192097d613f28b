// The emulator's docs page in a real browser (Debian's Chromium; .ci/run
// installs it when missing): Swagger UI of the contract, a seed user picked,
// one request run from the page against this emulator.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { targetIsLocal } from './support/tokens.ts';

const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

test('/docs shows the contract, fills a seed user’s token and runs a request from the page', async ({ baseURL }) => {
  test.skip(!targetIsLocal, 'the docs page is the emulator’s; a deployed stage has none');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: sudo apt-get install chromium, or set E2E_CHROMIUM to one`);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const page = await browser.newPage();
    await page.goto(`${baseURL}/docs`);
    await expect(page.locator('.info .title')).toContainText('Disputes API');
    await page.selectOption('#user', '1');
    await expect(page.locator('#who')).toHaveText('token set for user 1');

    const operation = page.locator('[id$="-listDisputes"]');
    await operation.locator('.opblock-summary').click();
    // The page opens every operation ready to try (tryItOutEnabled).
    await operation.locator('.execute').click();
    await expect(operation.locator('.live-responses-table tbody .response-col_status').first()).toHaveText('200');
    await expect(operation.locator('.live-responses-table')).toContainText('"results"');
  } finally {
    await browser.close();
  }
});

test('/docs?user=<id>, the console’s link, opens acting as that seed user', async ({ baseURL }) => {
  test.skip(!targetIsLocal, 'the docs page is the emulator’s; a deployed stage has none');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: sudo apt-get install chromium, or set E2E_CHROMIUM to one`);
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  try {
    const page = await browser.newPage();
    await page.goto(`${baseURL}/docs?user=3`);
    await expect(page.locator('#user')).toHaveValue('3');
    await expect(page.locator('#who')).toHaveText('token set for user 3');
    // The token is the one "Try it out" sends: the list answers, as it would not without one.
    const operation = page.locator('[id$="-listDisputes"]');
    await operation.locator('.opblock-summary').click();
    await operation.locator('.execute').click();
    await expect(operation.locator('.live-responses-table tbody .response-col_status').first()).toHaveText('200');
  } finally {
    await browser.close();
  }
});
