// The disputes module's contract against its own code: every binding loads
// and names a handler module that exports it, the S3 notification filters on
// the prefix the handlers write uploads to, and the functions get exactly the
// settings the handlers read.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { boundFunctions, type ContractOptions, loadContract } from '../contract-core/load-contract.ts';
import { notifiesOf } from '../contract-core/s3-notifications.ts';
import { UPLOADS_PREFIX } from './domain/evidence-keys.ts';
import { FUNCTION_ENVIRONMENT_NAMES } from './function-environment.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT_ROOT = projectRoot;
const options: ContractOptions = { projectRoot, stage: 'local', jwtIssuer: 'iss-x', jwtAudience: 'aud-x' };

/** The handler settings of the project contract (`x-lambda` and `x-lambda-s3-notifications`), read from the YAML itself, not through the loader. */
function projectHandlerSettings(): string[] {
  const document = parse(readFileSync(path.join(projectRoot, 'openapi.yaml'), 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
    'x-lambda-s3-notifications'?: { handler?: unknown }[];
  };
  const routes = Object.values(document.paths)
    .flatMap((pathItem) => Object.values(pathItem))
    .flatMap((operation) => {
      const binding = (operation as { 'x-lambda'?: { handler?: unknown } } | null)?.['x-lambda'];
      return binding ? [String(binding.handler)] : [];
    });
  return [...routes, ...(document['x-lambda-s3-notifications'] ?? []).map((binding) => String(binding.handler))];
}

test('the project contract loads: one authorized route per x-lambda operation, on the declared runtime', () => {
  const settings = projectHandlerSettings();
  assert.ok(settings.length > 0, 'the contract binds no operation to a function');
  const declaredRuntime = (parse(readFileSync(path.join(projectRoot, 'openapi.yaml'), 'utf8')) as Record<string, unknown>)[
    'x-lambda-runtime'
  ];
  const result = loadContract(path.join(projectRoot, 'openapi.yaml'), { ...options, projectRoot });
  assert.deepEqual(
    boundFunctions(result)
      .map((fn) => fn.handler)
      .sort(),
    [...settings].sort(),
  );
  assert.deepEqual(
    result.routes.filter((route) => !route.authorized).map((route) => route.routeKey),
    [],
  );
  assert.deepEqual(
    boundFunctions(result)
      .filter((fn) => fn.runtime !== declaredRuntime)
      .map((fn) => fn.handler),
    [],
  );
});

test('every x-lambda handler module of the project exists and exports the named function', async (t) => {
  const settings = projectHandlerSettings();
  // The modules read their settings at cold start, as Lambda provides them.
  for (const name of FUNCTION_ENVIRONMENT_NAMES) {
    const before = process.env[name];
    process.env[name] = `test-${name.toLowerCase()}`;
    t.after(() => {
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    });
  }
  assert.ok(settings.length > 0, 'the contract binds no operation to a function');
  for (const setting of settings) {
    const dot = setting.lastIndexOf('.');
    const file = path.join(projectRoot, `${setting.slice(0, dot)}.ts`);
    assert.ok(existsSync(file), `${setting}: ${path.relative(projectRoot, file)} does not exist`);
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    assert.equal(typeof module[setting.slice(dot + 1)], 'function', `${setting}: the module exports no function ${setting.slice(dot + 1)}`);
  }
});

test('drift guard: the evidence notification filters on the staging prefix the handlers write uploads to', () => {
  const contract = loadContract(path.join(PROJECT_ROOT, 'openapi.yaml'), {
    projectRoot: PROJECT_ROOT,
    stage: 'local',
    jwtIssuer: 'i',
    jwtAudience: 'a',
  });
  const confirm = contract.notifications.find((notification) => notification.lambda.handler === 'handlers/confirm-evidence.handler');
  assert.ok(confirm, 'handlers/confirm-evidence.ts is bound to an S3 notification');
  assert.equal(confirm.filterPrefix, UPLOADS_PREFIX);
  assert.ok(notifiesOf(confirm.events, 'Post'), 'the presigned POST upload is what it confirms');
});

test('drift guard: x-lambda-environment gives the functions exactly the settings the handlers read', () => {
  const contract = loadContract(path.join(projectRoot, 'openapi.yaml'), options);
  assert.deepEqual(contract.environment.map((variable) => variable.name).sort(), [...FUNCTION_ENVIRONMENT_NAMES].sort());
});
