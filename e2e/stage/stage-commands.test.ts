// npm run stage:fixtures and npm run stage:cleanup, as QA runs them, against
// the emulator as a stage: the projects land in the table, a dispute left
// open on one of them (a killed run) is closed, the projects go.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { issueLocalToken } from '../../server/auth/local-issuer.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../server/local-aws.ts';
import { freePort } from '../../test-support/free-port.ts';
import { projectRoot } from '../../test-support/project-root.ts';
import { startEmulator } from '../../test-support/start-emulator.ts';
import { keys } from '../../handlers/data/table-keys.ts';
import { IDENTITIES } from '../support/identities.ts';
import { localKeyDir } from '../support/token-sources.ts';
import { runProject } from './run-projects.ts';
import { localTableName, stageTable } from './stage-table.ts';

const run = promisify(execFile);
const tableName = localTableName();

test('stage:fixtures writes a run of projects; stage:cleanup closes what the run left open and removes them', {
  timeout: 90_000,
}, async (t) => {
  const dynamodbPort = await freePort();
  const emulator = await startEmulator(() => undefined, ['--dynamodb-port', String(dynamodbPort)]);
  t.after(() => emulator.server.kill('SIGTERM'));
  await emulator.ready;
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dynamodbPort}`,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_REGION,
  };
  const tsx = (script: string, args: string[], extra: Record<string, string> = {}) =>
    run(process.execPath, ['--import', 'tsx', script, ...args], { cwd: projectRoot, env: { ...env, ...extra } });

  const fixtures = await tsx('scripts/stage-fixtures.ts', ['--table', tableName, '--count', '4']);
  const runId = /^E2E_RUN_ID=(\d+)$/m.exec(fixtures.stdout)?.[1];
  assert.ok(runId, fixtures.stdout);
  assert.match(fixtures.stdout, /^E2E_PROJECT_COUNT=4$/m);
  const table = stageTable(tableName, { localEndpoint: env.AWS_ENDPOINT_URL_DYNAMODB });
  t.after(() => table.db.destroy());
  const stored = async (k: number) =>
    (await table.db.send(new GetCommand({ TableName: tableName, Key: keys.project(runProject(runId, k).id) }))).Item;
  const clientA = IDENTITIES.find((spec) => spec.name === 'client-a')!;
  const masterB = IDENTITIES.find((spec) => spec.name === 'master-b')!;
  assert.equal((await stored(0))?.['client_id'], clientA.localId);
  assert.equal((await stored(1))?.['master_id'], masterB.localId);
  assert.equal(await stored(4), undefined, 'four projects, no more');

  const token = issueLocalToken({ keyDir: localKeyDir, sub: String(clientA.localId), role: clientA.role });
  const opened = await fetch(`${emulator.base}/disputes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ project: runProject(runId, 0).id, reason: 'quality', description: 'Left open by a killed run' }),
  });
  assert.equal(opened.status, 201);
  const dispute = (await opened.json()) as { id: number };

  const cleanup = await tsx('scripts/stage-cleanup.ts', ['--run', runId, '--table', tableName], { E2E_BASE_URL: emulator.base });
  assert.match(cleanup.stdout, new RegExp(`disputes closed: 1 \\(${dispute.id}\\); projects removed`));
  assert.equal(await stored(0), undefined);
  const read = await fetch(`${emulator.base}/disputes/${dispute.id}`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(((await read.json()) as { status: string }).status, 'closed');

  await assert.rejects(tsx('scripts/stage-cleanup.ts', ['--run', runId]), (error: { code?: number }) => error.code === 2);
});
