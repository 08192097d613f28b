import './server/sdk-node-warning.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { freePort } from './test-support/free-port.ts';

// Against a deployed stage: E2E_BASE_URL=https://... (and E2E_TOKEN_COMMAND, see README).
// Otherwise the suite starts its own emulator, in memory, on a free port,
// running the built bundles or, with E2E_ZIPS=1, the packaged zips of dist/. The
// config is evaluated again in every worker; the port chosen here is passed
// down through the environment so that all of them agree.
const remote = process.env.E2E_BASE_URL;
if (!remote) {
  process.env.E2E_PORT ??= String(await freePort());
  // The run writes its projects into the emulator's table (e2e/global-setup.ts).
  process.env.E2E_DYNAMODB_PORT ??= String(await freePort());
}
const baseURL = remote ?? `http://127.0.0.1:${process.env.E2E_PORT}`;
// The suite's own emulator serves a second module beside disputes, as a marketplace's backend is several
// modules on one origin (e2e/modules.spec.ts); its packaged zips hold the disputes module only.
const fixtureModule = process.env.E2E_ZIPS ? '' : ' --module . --module e2e/fixtures/projects-module';
// Where the workers record every answer of the API, for the coverage report (made once per run).
process.env.E2E_COVERAGE_DIR ??= mkdtempSync(path.join(tmpdir(), 'contract-coverage-'));
// Reports of a run: HTML, JUnit and the contract coverage, and traces of failed tests.
const reportDir = path.resolve(process.env.E2E_REPORT_DIR ?? 'reports');

export default defineConfig({
  testDir: 'e2e',
  // node:test files (*.test.ts) beside the specs are unit tests, run by npm run test:unit.
  testMatch: '*.spec.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: path.join(reportDir, 'html') }],
    ['junit', { outputFile: path.join(reportDir, 'junit.xml') }],
    ['./e2e/support/contract-coverage-reporter.ts', { outputDir: reportDir }],
  ],
  outputDir: path.join(reportDir, 'artifacts'),
  globalSetup: './e2e/global-setup.ts',
  timeout: 30_000,
  // A bound on a whole run, so that a stalled stage cannot hold CI (its teardown still runs).
  globalTimeout: Number(process.env.E2E_GLOBAL_TIMEOUT_MS ?? 30 * 60_000),
  use: {
    baseURL,
    extraHTTPHeaders: { accept: 'application/json' },
    // A trace holds the requests' headers, a stage's bearer tokens among them: against a stage, only on request.
    trace: remote && !process.env.E2E_TRACE ? 'off' : 'retain-on-failure',
  },
  webServer: remote
    ? undefined
    : {
        // The console's browser tests read requests back by id while the other workers send hundreds: a longer memory than the default 200.
        command: `node --import tsx server/main.ts --port ${process.env.E2E_PORT} --dynamodb-port ${process.env.E2E_DYNAMODB_PORT} --host 127.0.0.1 --dotenv none --console-size 2000${process.env.E2E_ZIPS ? ' --zips' : ''}${fixtureModule}`,
        url: `${baseURL}/.well-known/jwks.json`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: process.env.E2E_SERVER_LOGS ? 'pipe' : 'ignore',
        stderr: 'pipe',
      },
});
