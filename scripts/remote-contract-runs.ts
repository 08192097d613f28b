// npm run test:remote [-- --in-a-row <n>] [--at-once <n>] [--parity-with <run>]
// The contract suite exactly as QA runs it against a stage, with the emulator
// as the stage: started on its own (running the packaged zips of dist/), then
// the suite in remote mode (E2E_BASE_URL) with its tokens from
// E2E_TOKEN_COMMAND and its projects written with the AWS SDK into the table
// (E2E_TABLE, AWS_ENDPOINT_URL_DYNAMODB): `--in-a-row` runs one after the
// other (default 2), then `--at-once` runs side by side (default 0). Then it
// reads the table: no run may leave a project or an active dispute behind.
// With `--parity-with`, each run is compared with that run (npm run parity,
// its report in the run's folder): any difference not accepted fails.
// Exits 1 when a run, that check or parity fails.
import '../server/sdk-node-warning.ts';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { KEY, keys } from '../handlers/data/table-keys.ts';
import { ACTIVE_STATUSES, type DisputeStatus } from '../handlers/domain/dispute.ts';
import { ACCEPTED_FILE, runParity } from '../e2e/parity/run-parity.ts';
import { differenceLine, summaryLine } from '../e2e/parity/parity-report.ts';
import { remoteRunEnvironment } from '../e2e/stage/remote-run-environment.ts';
import { localTableName, stageTable } from '../e2e/stage/stage-table.ts';
import { runOfProject } from '../e2e/stage/run-projects.ts';
import { freePort } from '../test-support/free-port.ts';
import { projectRoot } from '../test-support/project-root.ts';
import { startEmulator } from '../test-support/start-emulator.ts';

const { values } = parseArgs({
  options: { 'in-a-row': { type: 'string', default: '2' }, 'at-once': { type: 'string', default: '0' }, 'parity-with': { type: 'string' } },
});
const count = (option: string, value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${option}: ${value} (a whole number)`);
  return n;
};
const inARow = count('in-a-row', values['in-a-row']);
const atOnce = count('at-once', values['at-once']);
const runs = inARow + atOnce;
if (runs === 0) throw new Error('no run asked for');

const RUN_DEADLINE_MS = 15 * 60_000;

const dynamodbPort = await freePort();
const dynamodbEndpoint = `http://127.0.0.1:${dynamodbPort}`;
const tableName = localTableName();
const emulator = await startEmulator(() => undefined, ['--zips', '--dynamodb-port', String(dynamodbPort)]);
const stopEmulator = () => emulator.server.kill('SIGTERM');
process.on('SIGINT', stopEmulator);
process.on('SIGTERM', stopEmulator);

const reportDirOf = (n: number) => `reports/remote-${n}`;

/** One run of the suite as QA starts it; resolves with its exit code. */
async function contractRun(n: number): Promise<number> {
  const child = spawn(process.execPath, ['node_modules/@playwright/test/cli.js', 'test'], {
    cwd: projectRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: remoteRunEnvironment({ baseUrl: emulator.base, dynamodbEndpoint, tableName, reportDir: reportDirOf(n) }),
  });
  // A run that hangs past this is stopped and counts as failed, so that npm test always ends.
  const stop = setTimeout(() => child.kill('SIGTERM'), RUN_DEADLINE_MS);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(stop);
  console.log(
    `remote run ${n} of ${runs}${n > inARow ? ' (at once)' : ''}: ${code === 0 ? 'passed' : `failed (exit ${code})`}; reports in reports/remote-${n}`,
  );
  return code ?? 1;
}

const PROJECT_SK = keys.project(0)[KEY.sk];
const DISPUTE_SK = keys.dispute(0)[KEY.sk];

/** What the runs left in the table: projects of a run, and active disputes on them. */
async function leftovers(): Promise<string[]> {
  const { db } = stageTable(tableName, { localEndpoint: dynamodbEndpoint });
  const found: string[] = [];
  try {
    for await (const page of paginateScan({ client: db }, { TableName: tableName })) {
      for (const item of page.Items ?? []) {
        if (item[KEY.sk] === PROJECT_SK && runOfProject(Number(item['id'])) !== null) found.push(`project ${item['id']}`);
        const project = (item['project'] as { id?: number } | undefined)?.id;
        const active = (ACTIVE_STATUSES as readonly DisputeStatus[]).includes(item['status'] as DisputeStatus);
        if (item[KEY.sk] === DISPUTE_SK && active && project !== undefined && runOfProject(project) !== null) {
          found.push(`active dispute ${item['id']} (${item['status']})`);
        }
      }
    }
  } finally {
    db.destroy();
  }
  return found;
}

/** Parity of a run with another: prints its differences and summary; false when one is not accepted or the records are bad. */
function parityHolds(runA: string, runB: string): boolean {
  try {
    const report = runParity({ runA, runB, acceptedFile: ACCEPTED_FILE, outDir: runB });
    for (const group of report.differences) console.log(differenceLine(group));
    console.log(summaryLine(report));
    return report.differences.length === 0;
  } catch (error) {
    console.log(`parity of ${runA} and ${runB}: ${(error as Error).message}`);
    return false;
  }
}

let failed = false;
try {
  await emulator.ready;
  const codes: number[] = [];
  for (let n = 1; n <= inARow; n += 1) codes.push(await contractRun(n));
  codes.push(...(await Promise.all(Array.from({ length: atOnce }, (_, i) => contractRun(inARow + i + 1)))));
  failed = codes.some((code) => code !== 0);
  const left = await leftovers();
  console.log(left.length === 0 ? 'the runs left no project and no active dispute behind' : `left behind: ${left.join(', ')}`);
  failed ||= left.length > 0;
  const parityWith = values['parity-with'];
  if (parityWith !== undefined) for (let n = 1; n <= runs; n += 1) failed = !parityHolds(parityWith, reportDirOf(n)) || failed;
} finally {
  stopEmulator();
}
process.exit(failed ? 1 : 0);
