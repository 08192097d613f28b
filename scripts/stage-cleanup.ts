// npm run stage:cleanup -- --run <id> [--table <name>] [--region <region>] [--base-url <url>]
// What a run's own teardown does, for a run that was killed before it: closes
// every active dispute of the run's projects as the admin identity, through
// the API (E2E_BASE_URL or --base-url, the suite's token settings), then, with
// --table, removes the run's projects. Exits 1 when something stays active.
import '../server/sdk-node-warning.ts';
import { parseArgs } from 'node:util';
import { cleanUpRun } from '../e2e/stage/clean-up-run.ts';
import { checkRunId } from '../e2e/stage/run-projects.ts';
import { stageTable } from '../e2e/stage/stage-table.ts';
import { IDENTITIES } from '../e2e/support/identities.ts';
import { resolveIdentity } from '../e2e/support/run-identities.ts';
import { tokenSource } from '../e2e/support/token-sources.ts';

const USAGE = 'usage: npm run stage:cleanup -- --run <id> [--table <name>] [--region <region>] [--base-url <url>]';

const { values } = parseArgs({
  options: {
    run: { type: 'string' },
    table: { type: 'string' },
    region: { type: 'string' },
    'base-url': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const baseUrl = values['base-url'] ?? process.env['E2E_BASE_URL'];
if (values.help || !values.run || !baseUrl) {
  (values.help ? console.log : console.error)(`${USAGE}\n(the API's URL: --base-url or E2E_BASE_URL)`);
  process.exit(values.help ? 0 : 2);
}

const runId = checkRunId(values.run);
const local = new URL(baseUrl).hostname === '127.0.0.1' || new URL(baseUrl).hostname === 'localhost';
const adminSpec = IDENTITIES.find((spec) => spec.name === 'admin')!;
const admin = await resolveIdentity(tokenSource(process.env, local), adminSpec, process.env);
const table = values.table ? stageTable(values.table, values.region ? { region: values.region } : {}) : undefined;
try {
  const result = await cleanUpRun({ runId, baseUrl, adminToken: admin.token, ...(table ? { table } : {}) });
  console.log(
    `run ${runId}: disputes closed: ${result.closed.length}${result.closed.length ? ` (${result.closed.join(', ')})` : ''}; projects ${result.projectsRemoved ? 'removed' : 'kept (no --table)'}`,
  );
  if (result.stillActive.length > 0) {
    console.error(`still active: ${result.stillActive.join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  table?.db.destroy();
}
