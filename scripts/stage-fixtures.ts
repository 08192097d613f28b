// npm run stage:fixtures -- --table <name> [--region <region>] [--count <n>]
// Writes a contract run's projects into a stage's table with your AWS
// credentials, for when the machine that runs the suite has no table access
// (otherwise the suite writes them itself, given E2E_TABLE). Prints the run id
// and the project count to pass as E2E_RUN_ID and E2E_PROJECT_COUNT; one run
// per run id. The identities' user ids come from their tokens, so
// the token settings are the suite's (README: "Run the contract suite against
// staging").
import '../server/sdk-node-warning.ts';
import { parseArgs } from 'node:util';
import { checkProjectCount, DEFAULT_PROJECT_COUNT, newRunId } from '../e2e/stage/run-projects.ts';
import { stageTable } from '../e2e/stage/stage-table.ts';
import { writeRunProjects } from '../e2e/stage/write-run-projects.ts';
import { resolveIdentities, sideParties } from '../e2e/support/run-identities.ts';
import { tokenSource } from '../e2e/support/token-sources.ts';

const USAGE = 'usage: npm run stage:fixtures -- --table <name> [--region <region>] [--count <n>]';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    region: { type: 'string' },
    count: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.table) {
  (values.help ? console.log : console.error)(USAGE);
  process.exit(values.help ? 0 : 2);
}

const count = checkProjectCount(Number(values.count ?? DEFAULT_PROJECT_COUNT));
// The emulator's own tokens only for the emulator's table: a real table gets the stage's users.
const endpoint = process.env['AWS_ENDPOINT_URL_DYNAMODB'];
const emulator = endpoint !== undefined && ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);
const identities = await resolveIdentities(tokenSource(process.env, emulator), process.env);
const table = stageTable(values.table, values.region ? { region: values.region } : {});
const runId = newRunId();
try {
  await writeRunProjects(table, runId, count, sideParties(identities));
} finally {
  table.db.destroy();
}
console.error(
  `run ${runId}: ${count} projects written to ${values.table}; when done: npm run stage:cleanup -- --run ${runId} --table ${values.table}`,
);
console.log(`E2E_RUN_ID=${runId}`);
console.log(`E2E_PROJECT_COUNT=${count}`);
