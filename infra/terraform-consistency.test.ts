// The Terraform in infra/ parses and deploys what the contract, the manifest
// and infra/*.json describe; drifted copies (a renamed route, a permission
// written by hand, a changed key, …) are caught.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractFunctions, loadModuleForBuild } from '../build/contract-functions.ts';
import type { Manifest } from '../build/manifest.ts';
import { packageModules } from '../build/package-functions.ts';
import { type DeployedSources, readTerraformModule, type TerraformModule, terraformProblems } from './terraform-consistency.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const MODULE_DIR = path.join(PROJECT_ROOT, 'infra', 'modules', 'disputes');
const STAGE_DIR = path.join(PROJECT_ROOT, 'infra', 'stage');
const ENVIRONMENT_NAMES = loadModuleForBuild(PROJECT_ROOT).contract.environment.map((variable) => variable.name);

let sources: DeployedSources;
let module: TerraformModule;
before(async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'terraform-consistency-'));
  const functions = contractFunctions(PROJECT_ROOT);
  let manifest: Manifest;
  try {
    manifest = await packageModules([{ projectRoot: PROJECT_ROOT, functions }], work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  sources = {
    routes: functions.flatMap((fn) => ('route' in fn ? [{ route: fn.route, functionName: fn.lambda.functionNameTemplate }] : [])),
    manifest,
    apiCors: JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'infra', 'api-cors.json'), 'utf8')),
    // What the contract gives every function (handlers/contract-bindings.test.ts holds it to what the handlers read).
    environmentNames: ENVIRONMENT_NAMES,
  };
  module = await readTerraformModule(MODULE_DIR);
});

/** The module with one file's text changed. */
const moduleWith = (file: string, from: string | RegExp, to: string) =>
  readTerraformModule(MODULE_DIR, (name, text) => {
    if (name !== file) return text;
    const changed = text.replace(from, to);
    assert.notEqual(changed, text, `${file} does not contain ${String(from)}`);
    return changed;
  });

test('the module and the example stage parse, and the module deploys exactly what the contract, the manifest and infra/*.json say', async () => {
  assert.deepEqual(terraformProblems(module, sources), []);
  const stage = await readTerraformModule(STAGE_DIR);
  assert.ok(stage.output['api_url'], 'the example stage passes the API URL on');
});

test('drift: a route renamed in the contract, or one the manifest has and the contract lost, is caught', () => {
  const routes = sources.routes.map((entry) =>
    entry.route === 'POST /disputes/{id}/close' ? { ...entry, route: 'POST /disputes/{id}/closing' } : entry,
  );
  const problems = terraformProblems(module, { ...sources, routes });
  assert.ok(
    problems.includes('contract route POST /disputes/{id}/closing has no function in the manifest (run npm run package)'),
    problems.join('\n'),
  );
  assert.ok(problems.includes('manifest route POST /disputes/{id}/close is not in the contract'), problems.join('\n'));
});

test('drift: a route written as a Terraform resource is refused (routes come from openapi.yaml only)', async () => {
  const drifted = await moduleWith(
    'api.tf',
    /$/,
    '\nresource "aws_apigatewayv2_route" "close" {\n  api_id    = aws_apigatewayv2_api.api.id\n  route_key = "POST /disputes/{id}/close"\n}\n',
  );
  assert.deepEqual(terraformProblems(drifted, sources), [
    "aws_apigatewayv2_route.close writes a route a second time; the API's routes come from openapi.yaml",
  ]);
});

test('drift: a permission written by hand (one removed from what the bundle calls) is caught', async () => {
  const drifted = await moduleWith(
    'iam.tf',
    /sid\s+= "Table"\n(\s+)actions\s+= statement\.value/,
    'sid       = "Table"\n$1actions   = ["dynamodb:GetItem", "dynamodb:Query"]',
  );
  const problems = terraformProblems(drifted, sources);
  assert.ok(
    problems.includes('the function policy lists dynamodb:GetItem, dynamodb:Query by hand; its actions come from the manifest'),
    problems.join('\n'),
  );
});

test('drift: an action of a service no statement grants, or a wildcard action, is caught', async () => {
  const manifest = structuredClone(sources.manifest);
  manifest.functions[0]!.actions.push('sqs:SendMessage');
  assert.ok(
    terraformProblems(module, { ...sources, manifest }).includes('the manifest lists sqs actions, which no policy statement grants'),
  );
  const wildcard = await moduleWith('iam.tf', '"logs:PutLogEvents"]', '"logs:PutLogEvents", "dynamodb:*"]');
  assert.ok(terraformProblems(wildcard, sources).some((problem) => problem.startsWith('an IAM action is a wildcard: dynamodb:*')));
});

test('drift: a table key written in Terraform instead of read from infra/table.json is caught', async () => {
  const drifted = await moduleWith('table.tf', 'hash_key                    = local.key_of["HASH"]', 'hash_key                    = "pk"');
  assert.deepEqual(terraformProblems(drifted, sources), ["the table's keys are not infra/table.json's"]);
});

test('drift: a setting the handlers read that the functions do not get (or the reverse) is caught', async () => {
  const problems = terraformProblems(module, { ...sources, environmentNames: [...ENVIRONMENT_NAMES, 'AUDIT_TOPIC'] });
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /^the functions get CURSOR_SECRET, EVIDENCE_BUCKET, TABLE_NAME; the handlers read AUDIT_TOPIC, CURSOR_SECRET/);
});

test("drift: an alarm threshold that is not the seed's is caught", async () => {
  const drifted = await moduleWith('alarms.tf', /threshold\s+= 5000/, 'threshold           = 10000');
  assert.deepEqual(terraformProblems(drifted, sources), ['no alarm on Lambda duration over 5 s']);
});

test("drift: a function setting written in Terraform instead of taken from the manifest (x-lambda's memory) is caught", async () => {
  const drifted = await moduleWith('sources.tf', 'memory      = fn.memory', 'memory      = 512');
  assert.deepEqual(terraformProblems(drifted, sources), ["local.functions does not carry the manifest's memory"]);
});

test("drift: the API's CORS not taken from infra/api-cors.json, or the authorizer left without the stage's issuer, is caught", async () => {
  const cors = await moduleWith('api.tf', 'allow_methods     = local.api_cors.allowMethods', 'allow_methods     = ["GET"]');
  assert.deepEqual(terraformProblems(cors, sources), ["the HTTP API's CORS allow_methods is not infra/api-cors.json's allowMethods"]);
  const authorizer = await moduleWith(
    'api.tf',
    'jwtConfiguration = { issuer = var.jwt_issuer, audience = var.jwt_audience }',
    'jwtConfiguration = {}',
  );
  assert.deepEqual(terraformProblems(authorizer, sources), ["the JWT authorizer does not get the stage's issuer and audiences"]);
});

test('the module and the example stage ask for the same AWS provider major, 6.x, and use none of what 6.0 deprecated', () => {
  const tf = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
  const constraint = (text: string) => /source\s*=\s*"hashicorp\/aws"\s*\n\s*version\s*=\s*"([^"]+)"/.exec(text)?.[1];
  // Terraform joins the constraints of every module: a root on another major than its module cannot init.
  assert.equal(constraint(tf(MODULE_DIR, 'versions.tf')), '~> 6.0');
  assert.equal(constraint(tf(STAGE_DIR, 'main.tf')), '~> 6.0');
  // Version 6 upgrade guide, data source aws_region: "`name` has been deprecated. Use `region` instead."
  const everything = readdirSync(MODULE_DIR)
    .filter((file) => file.endsWith('.tf'))
    .map((file) => tf(MODULE_DIR, file))
    .join('\n');
  assert.doesNotMatch(`${everything}\n${tf(STAGE_DIR, 'main.tf')}`, /data\.aws_region\.\w+\.name\b/);
});
