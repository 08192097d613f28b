// Once per run, before any worker starts: a token for each identity (asked
// once), the run's own projects in the table, and what the workers need to
// know of both (run-state.ts). The function it returns is the run's teardown,
// which Playwright runs after the last test, failed or not: it closes what the
// run left open and removes its projects, and fails the run if it could not.
// Every way out that leaves something behind names the command that removes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanUpRun } from './stage/clean-up-run.ts';
import { checkProjectCount, checkRunId, DEFAULT_PROJECT_COUNT, newRunId } from './stage/run-projects.ts';
import { localTableName, stageTable, type StageTable } from './stage/stage-table.ts';
import { RunIdTaken, writeRunProjects } from './stage/write-run-projects.ts';
import { IDENTITIES } from './support/identities.ts';
import { expiresSoon, identity, resolveIdentity, resolveIdentities, sideParties } from './support/run-identities.ts';
import { publishRunState } from './support/run-state.ts';
import { tokenSource } from './support/token-sources.ts';

const say = (line: string) => process.stdout.write(`[contract run] ${line}\n`);

function tableOfRun(env: NodeJS.ProcessEnv, local: boolean): StageTable | undefined {
  if (local) {
    return stageTable(localTableName(), { localEndpoint: `http://127.0.0.1:${env['E2E_DYNAMODB_PORT']}` });
  }
  const name = env['E2E_TABLE'];
  return name ? stageTable(name, env['E2E_REGION'] ? { region: env['E2E_REGION'] } : {}) : undefined;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const env = process.env;
  const local = !env['E2E_BASE_URL'];
  const baseUrl = env['E2E_BASE_URL'] ?? `http://127.0.0.1:${env['E2E_PORT']}`;
  const source = tokenSource(env, local);
  const identities = await resolveIdentities(source, env);
  const table = tableOfRun(env, local);
  const projectCount = checkProjectCount(Number(env['E2E_PROJECT_COUNT'] ?? DEFAULT_PROJECT_COUNT));

  // Projects written beforehand by `npm run stage:fixtures` (E2E_RUN_ID) stay; the run's own go at its end.
  const given = env['E2E_RUN_ID'];
  let runId = given ? checkRunId(given) : newRunId();
  const cleanupCommand = (id: string) => `npm run stage:cleanup -- --run ${id}${local ? '' : ` --table ${table?.name ?? '<table>'}`}`;
  if (!given) {
    if (!table)
      throw new Error(
        'E2E_BASE_URL names a stage: set E2E_TABLE (the run writes its projects) or E2E_RUN_ID (from npm run stage:fixtures)',
      );
    for (let attempt = 1; ; attempt += 1) {
      say(`run ${runId}: writing ${projectCount} projects to ${table.name} (if this is killed: ${cleanupCommand(runId)})`);
      try {
        // On failure it takes back what it wrote: no test ran yet.
        await writeRunProjects(table, runId, projectCount, sideParties(identities));
        break;
      } catch (error) {
        if (error instanceof RunIdTaken && attempt < 3) {
          runId = newRunId();
          continue;
        }
        table.db.destroy();
        throw new Error(`writing the projects of run ${runId} failed: ${(error as Error).message}`);
      }
    }
  }
  say(`run ${runId} against ${baseUrl}: ${projectCount} projects ${given ? 'written beforehand' : `written to ${table?.name}`}`);
  say(`if this run is killed: ${cleanupCommand(runId)}`);
  const claimDir = mkdtempSync(path.join(tmpdir(), `contract-run-${runId}-`));
  publishRunState({ runId, projectCount, identities, claimDir });

  return async () => {
    rmSync(claimDir, { recursive: true, force: true });
    try {
      let admin = identity(identities, 'admin');
      // Tokens are asked for once; only one that expired during a long run is asked for again.
      if (expiresSoon(admin.token)) admin = await resolveIdentity(source, IDENTITIES.find((spec) => spec.name === 'admin')!, env);
      const result = await cleanUpRun({ runId, baseUrl, adminToken: admin.token, ...(table && !given ? { table } : {}) });
      say(`cleanup of run ${runId}: disputes closed: ${result.closed.length}, projects ${result.projectsRemoved ? 'removed' : 'kept'}`);
      if (result.stillActive.length > 0) throw new Error(`still active: ${result.stillActive.join(', ')}`);
    } catch (error) {
      throw new Error(`the cleanup of run ${runId} failed: ${(error as Error).message}\n(to finish it: ${cleanupCommand(runId)})`);
    } finally {
      table?.db.destroy();
    }
  };
}
