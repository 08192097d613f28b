// Once per run, before any worker starts: a token for each identity (asked
// once), the run's own projects in the table, and what the workers need to
// know of both (run-state.ts). The function it returns is the run's teardown,
// which Playwright runs after the last test, failed or not: it closes what the
// run left open and removes its projects, and fails the run if it could not.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTableInput, readTableDefinition } from '../server/dynamodb/create-table.ts';
import { DEFAULT_STAGE } from '../server/local-aws.ts';
import { cleanUpRun } from './stage/clean-up-run.ts';
import { checkProjectCount, checkRunId, DEFAULT_PROJECT_COUNT, newRunId } from './stage/run-projects.ts';
import { stageTable, type StageTable } from './stage/stage-table.ts';
import { writeRunProjects } from './stage/write-run-projects.ts';
import { identity, resolveIdentities, sideParties } from './support/run-identities.ts';
import { publishRunState } from './support/run-state.ts';
import { tokenSource } from './support/token-sources.ts';

const say = (line: string) => process.stdout.write(`[contract run] ${line}\n`);

function tableOfRun(env: NodeJS.ProcessEnv, local: boolean): StageTable | undefined {
  if (local) {
    const name = String(createTableInput(readTableDefinition(), DEFAULT_STAGE).TableName);
    return stageTable(name, { localEndpoint: `http://127.0.0.1:${env['E2E_DYNAMODB_PORT']}` });
  }
  const name = env['E2E_TABLE'];
  return name ? stageTable(name, env['E2E_REGION'] ? { region: env['E2E_REGION'] } : {}) : undefined;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const env = process.env;
  const local = !env['E2E_BASE_URL'];
  const baseUrl = env['E2E_BASE_URL'] ?? `http://127.0.0.1:${env['E2E_PORT']}`;
  const identities = await resolveIdentities(tokenSource(env, local), env);
  const table = tableOfRun(env, local);
  const projectCount = checkProjectCount(Number(env['E2E_PROJECT_COUNT'] ?? DEFAULT_PROJECT_COUNT));

  // Projects written beforehand by `npm run stage:fixtures` (E2E_RUN_ID) stay; the run's own go at its end.
  const given = env['E2E_RUN_ID'];
  const runId = given ? checkRunId(given) : newRunId();
  if (!given) {
    if (!table)
      throw new Error(
        'E2E_BASE_URL names a stage: set E2E_TABLE (the run writes its projects) or E2E_RUN_ID (from npm run stage:fixtures)',
      );
    await writeRunProjects(table, runId, projectCount, sideParties(identities));
  }
  const claimDir = mkdtempSync(path.join(tmpdir(), `contract-run-${runId}-`));
  publishRunState({ runId, projectCount, identities, claimDir });
  say(`run ${runId} against ${baseUrl}: ${projectCount} projects ${given ? 'written beforehand' : `written to ${table?.name}`}`);
  say(`if this run is killed: npm run stage:cleanup -- --run ${runId}${local ? '' : ` --table ${table?.name ?? '<table>'}`}`);

  return async () => {
    rmSync(claimDir, { recursive: true, force: true });
    const result = await cleanUpRun({
      runId,
      baseUrl,
      adminToken: identity(identities, 'admin').token,
      ...(table && !given ? { table } : {}),
    });
    table?.db.destroy();
    say(`cleanup of run ${runId}: disputes closed: ${result.closed.length}, projects ${result.projectsRemoved ? 'removed' : 'kept'}`);
    if (result.stillActive.length > 0) throw new Error(`run ${runId} left active disputes: ${result.stillActive.join(', ')}`);
  };
}
