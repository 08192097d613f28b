import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ContractError } from './contract-errors.ts';
import { loadModule, type ModuleOptions } from './load-module.ts';
import { checkModuleConflicts } from './module-conflicts.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = path.join(PROJECT_ROOT, 'e2e', 'fixtures', 'projects-module');
const options: ModuleOptions = { stage: 'local', jwtIssuer: 'iss', jwtAudience: 'aud' };

/** A copy of the fixture module with its contract changed, in a folder of its own. */
function fixtureWith(change: (contract: string) => string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'module-')), 'copy');
  cpSync(FIXTURE, dir, { recursive: true });
  const file = path.join(dir, 'openapi.yaml');
  const changed = change(readFileSync(file, 'utf8'));
  writeFileSync(file, changed);
  return dir;
}

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof ContractError, String(error));
    return error.code;
  }
  return undefined;
};

test('a module: its contract, the tables and buckets its x-lambda-environment names, its CORS and plugin when it has them', () => {
  const disputes = loadModule(PROJECT_ROOT, options);
  assert.equal(disputes.name, 'disputes-api');
  assert.deepEqual(
    disputes.tables.map((table) => [path.relative(PROJECT_ROOT, table.file), table.name]),
    [['infra/table.json', 'handshake-local-table']],
  );
  assert.deepEqual(
    disputes.buckets.map((bucket) => bucket.name),
    ['handshake-local-evidence'],
  );
  assert.equal(disputes.corsFile, path.join(PROJECT_ROOT, 'infra', 'api-cors.json'));
  assert.equal(disputes.pluginFile, path.join(PROJECT_ROOT, 'local', 'module-plugin.ts'));
  assert.deepEqual(
    disputes.contract.environment.map((variable) => variable.name),
    ['TABLE_NAME', 'EVIDENCE_BUCKET', 'CURSOR_SECRET'],
  );

  const projects = loadModule(FIXTURE, options);
  assert.equal(projects.name, 'projects-api');
  assert.deepEqual(
    projects.contract.routes.map((route) => [route.routeKey, route.lambda.handlerFile]),
    [
      ['POST /projects', path.join(FIXTURE, 'handlers', 'create-project.ts')],
      ['GET /projects/my', path.join(FIXTURE, 'handlers', 'list-my-projects.ts')],
    ],
  );
  assert.equal(projects.corsFile, undefined);
  assert.equal(projects.pluginFile, undefined);
  checkModuleConflicts([disputes, projects]);
});

test('a folder without a contract, or an environment entry that is no table, bucket, secret or value, is refused', () => {
  assert.equal(
    codeOf(() => loadModule(path.join(FIXTURE, 'handlers'), options)),
    'CONTRACT_ERR_MODULE',
  );
  const entries = [
    '{ table: infra/missing.json }',
    '{ table: ../../../infra/table.json }',
    '{ queue: infra/table.json }',
    '{ secret: "Not A Name" }',
    '{ table: infra/table.json, value: x }',
    'just-a-string',
  ];
  for (const entry of entries) {
    const dir = fixtureWith((text) => text.replace('PROJECTS_TABLE: { table: infra/table.json }', `PROJECTS_TABLE: ${entry}`));
    assert.equal(
      codeOf(() => loadModule(dir, options)),
      'CONTRACT_ERR_ENVIRONMENT',
      entry,
    );
  }
  // A notification needs the module's one bucket to be on.
  const unbucketed = fixtureWith((text) =>
    text.replace(
      'x-lambda-environment:',
      'x-lambda-s3-notifications:\n  - { function: "f-{stage}", handler: handlers/caller.callerId, zip: f.zip, memory: 128, timeout: 3, events: ["s3:ObjectCreated:*"] }\nx-lambda-environment:',
    ),
  );
  assert.throws(
    () => loadModule(unbucketed, options),
    /CONTRACT_ERR_S3_NOTIFICATION: .*exactly one bucket in x-lambda-environment .*names 0/,
  );
  // Lambda sets these itself; a function may not.
  const reserved = fixtureWith((text) => text.replace('PROJECTS_TABLE:', 'AWS_REGION:'));
  assert.equal(
    codeOf(() => loadModule(reserved, options)),
    'CONTRACT_ERR_ENVIRONMENT',
  );
});

test('two modules may not claim one route (whatever its parameter names), function, zip, table or name; the error names both files', () => {
  const disputes = loadModule(PROJECT_ROOT, options);
  const clashes: Array<[string, (text: string) => string, RegExp]> = [
    ['route', (text) => text.replace('/projects/my:', '/disputes/{dispute}:'), /route GET \/disputes\/\{\} is claimed by/],
    [
      'function',
      (text) => text.replace('handshake-create-project-{stage}', 'handshake-create-dispute-{stage}'),
      /function handshake-create-dispute-local/,
    ],
    ['zip', (text) => text.replace('projects-create.zip', 'disputes-create.zip'), /zip disputes-create\.zip/],
    ['name', (text) => text.replace('title: Projects API', 'title: Disputes API'), /module name disputes-api/],
  ];
  for (const [what, change, message] of clashes) {
    const dir = fixtureWith(change);
    assert.throws(
      () => checkModuleConflicts([disputes, loadModule(dir, options)]),
      (error: Error) =>
        (error as ContractError).code === 'CONTRACT_ERR_MODULE' &&
        message.test(error.message) &&
        error.message.includes(path.join(PROJECT_ROOT, 'openapi.yaml')) &&
        error.message.includes(path.join(dir, 'openapi.yaml')),
      what,
    );
  }
  const table = fixtureWith((text) => text);
  writeFileSync(path.join(table, 'infra', 'table.json'), readFileSync(path.join(PROJECT_ROOT, 'infra', 'table.json')));
  assert.throws(
    () => checkModuleConflicts([disputes, loadModule(table, options)]),
    (error: Error) =>
      /table handshake-local-table is claimed by .*infra\/table\.json and by .*infra\/table\.json/.test(error.message) &&
      error.message.includes(path.join(table, 'infra', 'table.json')),
  );
});
