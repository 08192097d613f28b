// The seed's zips as AWS gets them: reproducible, loadable by bare node, made
// of handler code and production dependencies only, within the size budget.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { contractFunctions, loadModuleForBuild, moduleFunctions } from './contract-functions.ts';
import { bundleFile, bundleFunctions, type FunctionBundle } from './function-bundles.ts';
import type { Manifest } from './manifest.ts';
import { packageModules } from './package-functions.ts';
import { writeTaskRoot } from './task-root.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const functions = contractFunctions(PROJECT_ROOT);
const environmentNames = loadModuleForBuild(PROJECT_ROOT).contract.environment.map((variable) => variable.name);
const work = mkdtempSync(path.join(tmpdir(), 'package-functions-'));
after(() => rmSync(work, { recursive: true, force: true }));

// Cold start grows with what V8 must parse (about 130 ms per MB here), and the
// largest bundle today is about 1.1 MiB: the budget leaves room for growth but
// fails a change that, say, pulls a second SDK copy or an emulator package in.
const BUNDLE_BUDGET_BYTES = 1.5 * 1024 * 1024;
const ZIP_BUDGET_BYTES = 1024 * 1024;

let manifest: Manifest;
let bundles: FunctionBundle[];
before(async () => {
  manifest = await packageModules([{ projectRoot: PROJECT_ROOT, functions }], path.join(work, 'first'));
  bundles = await bundleFunctions(
    functions.map((fn) => fn.lambda),
    PROJECT_ROOT,
  );
});

test('two packagings of the same sources give byte-identical zips and manifests', async () => {
  const second = await packageModules([{ projectRoot: PROJECT_ROOT, functions }], path.join(work, 'second'));
  assert.deepEqual(second, manifest);
  for (const fn of manifest.functions) {
    assert.deepEqual(readFileSync(path.join(work, 'second', fn.zip)), readFileSync(path.join(work, 'first', fn.zip)), fn.zip);
  }
  assert.equal(
    readFileSync(path.join(work, 'second', 'manifest.json'), 'utf8'),
    readFileSync(path.join(work, 'first', 'manifest.json'), 'utf8'),
  );
});

test('the manifest has one entry per contract function (routes and S3 notifications), with its binding, what invokes it and what the bundle calls', () => {
  assert.deepEqual(manifest.functions.map((fn) => fn.zip).sort(), functions.map(({ lambda }) => lambda.zip).sort());
  for (const bound of functions) {
    const fn = manifest.functions.find((entry) => entry.zip === bound.lambda.zip)!;
    assert.equal(fn.function, bound.lambda.functionNameTemplate);
    assert.match(fn.function, /\{stage\}/);
    if ('route' in bound) {
      assert.equal(fn.route, bound.route);
      assert.equal(fn.trigger, undefined);
    } else {
      assert.deepEqual(fn.trigger, bound.trigger);
      assert.equal(fn.route, undefined);
    }
    assert.equal(fn.handler, bound.lambda.handler);
    assert.equal(fn.runtime, 'nodejs22.x');
    assert.equal(fn.memory, bound.lambda.memorySize);
    assert.equal(fn.timeout, bound.lambda.timeoutSeconds);
    assert.equal(fn.environment['NODE_OPTIONS'], '--enable-source-maps');
    assert.match(fn.sha256, /^[0-9a-f]{64}$/);
    assert.ok(fn.actions.length > 0 && fn.actions.every((action) => /^(dynamodb|s3):[A-Z][A-Za-z]+$/.test(action)), fn.actions.join());
  }
  const create = manifest.functions.find((fn) => fn.route === 'POST /disputes')!;
  // Its transaction is granted through the items it writes; IAM has no TransactWriteItems action.
  assert.ok(create.actions.includes('dynamodb:PutItem') && create.actions.includes('dynamodb:UpdateItem'), create.actions.join());
  assert.ok(!create.actions.some((action) => action.startsWith('dynamodb:Transact')), create.actions.join());
  assert.ok(
    manifest.functions.every((fn) => !fn.actions.includes('s3:HeadObject') && !fn.actions.includes('s3:CopyObject')),
    'S3 operations are listed as the IAM actions that authorize them',
  );
  const evidence = manifest.functions.find((fn) => fn.route === 'POST /disputes/{id}/evidence')!;
  assert.ok(evidence.actions.includes('s3:PutObject'), 'the presigned POST');
  const messages = manifest.functions.find((fn) => fn.route === 'GET /disputes/{id}/messages')!;
  assert.ok(!messages.actions.some((action) => action.startsWith('s3:')), 'the messages list never touches the bucket');
  const confirm = manifest.functions.find((fn) => fn.handler === 'handlers/confirm-evidence.handler')!;
  assert.deepEqual(confirm.trigger, {
    type: 's3',
    id: 'disputes-confirm-evidence',
    events: ['s3:ObjectCreated:*'],
    filterPrefix: 'uploads/',
    filterSuffix: '',
  });
  assert.ok(confirm.actions.includes('s3:GetObject') && confirm.actions.includes('dynamodb:GetItem'), confirm.actions.join());
});

/** Every API call that reads; anything else a function calls writes. */
const READ_ACTIONS = new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 's3:GetObject', 's3:ListBucket']);

test('functions of GET routes only read: no write call in their bundles', () => {
  const reads = manifest.functions.filter((fn) => fn.route?.startsWith('GET '));
  assert.ok(reads.length >= 3, 'the contract has its GET routes');
  for (const fn of reads) {
    const writes = fn.actions.filter((action) => !READ_ACTIONS.has(action));
    assert.deepEqual(writes, [], `${fn.route} calls ${writes.join(', ')}`);
  }
});

test('each zip holds its handler and source map, within the size budget', (t) => {
  for (const fn of manifest.functions) {
    const zip = readFileSync(path.join(work, 'first', fn.zip));
    const entries = unzipSync(zip);
    const module = `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.mjs`;
    assert.deepEqual(Object.keys(entries).sort(), [module, `${module}.map`]);
    const bundleBytes = entries[module]!.byteLength;
    t.diagnostic(`${fn.zip}: ${(zip.byteLength / 1024).toFixed(0)} KiB zipped, bundle ${(bundleBytes / 1024).toFixed(0)} KiB`);
    assert.equal(zip.byteLength, fn.size);
    assert.ok(zip.byteLength <= ZIP_BUDGET_BYTES, `${fn.zip} is ${zip.byteLength} bytes, over the ${ZIP_BUDGET_BYTES} budget`);
    assert.ok(bundleBytes <= BUNDLE_BUDGET_BYTES, `${module} of ${fn.zip} is ${bundleBytes} bytes, over the ${BUNDLE_BUDGET_BYTES} budget`);
  }
});

test('no emulator, test or development code is in any bundle: handler modules and production dependencies only', () => {
  const lock = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  for (const bundle of bundles) {
    for (const input of bundle.inputs) {
      const at = input.lastIndexOf('node_modules/');
      if (at === -1) {
        assert.match(input, /^handlers\//, `${bundle.source.zip} includes ${input}`);
        assert.doesNotMatch(input, /\.test\.ts$|fixtures/, `${bundle.source.zip} includes ${input}`);
        continue;
      }
      const rest = input.slice(at + 'node_modules/'.length).split('/');
      const name = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
      const entry = lock.packages[`${input.slice(0, at)}node_modules/${name}`];
      assert.ok(entry, `${input} is from a package the lock file does not know`);
      assert.notEqual(entry.dev, true, `${bundle.source.zip} bundles ${name}, a devDependency`);
    }
  }
});

test("each zip's handler loads in plain node, from its own task root, with nothing else installed", async () => {
  const run = promisify(execFile);
  for (const fn of manifest.functions) {
    const taskRoot = path.join(work, 'unzipped', fn.zip);
    writeTaskRoot(taskRoot, unzipSync(readFileSync(path.join(work, 'first', fn.zip))));
    const module = bundleFile({ handler: fn.handler });
    const exportName = fn.handler.slice(fn.handler.lastIndexOf('.') + 1);
    const { stdout } = await run(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import('./${module}'); console.log(typeof m[${JSON.stringify(exportName)}]);`],
      {
        cwd: taskRoot,
        env: {
          PATH: process.env['PATH'] ?? '',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          // Read once, at cold start (module load), as Lambda sets them.
          ...Object.fromEntries(environmentNames.map((name) => [name, `test-${name.toLowerCase()}`])),
        },
      },
    );
    assert.equal(stdout.trim(), 'function', fn.zip);
  }
});

test('several modules package together: each bundled from its own folder, their zips side by side under one manifest', async () => {
  const fixture = loadModuleForBuild(path.join(PROJECT_ROOT, 'e2e', 'fixtures', 'projects-module'));
  const both = await packageModules(
    [
      { projectRoot: PROJECT_ROOT, functions },
      { projectRoot: fixture.root, functions: moduleFunctions(fixture) },
    ],
    path.join(work, 'modules'),
  );
  assert.deepEqual(
    both.functions.map((fn) => fn.zip),
    [...manifest.functions.map((fn) => fn.zip), 'projects-create.zip', 'projects-list-my.zip'],
  );
  const create = both.functions.find((fn) => fn.zip === 'projects-create.zip')!;
  assert.equal(create.handler, 'handlers/create-project.handler');
  assert.deepEqual(create.actions, ['dynamodb:PutItem']);
  assert.deepEqual(both.functions.find((fn) => fn.zip === 'projects-list-my.zip')!.actions, ['dynamodb:Query']);
  const files = Object.keys(unzipSync(readFileSync(path.join(work, 'modules', 'projects-create.zip'))));
  assert.deepEqual(files.sort(), ['handlers/create-project.mjs', 'handlers/create-project.mjs.map']);
  // The fixture's packages come from the enclosing checkout, mapped as if installed beside the module.
  const map = JSON.parse(
    Buffer.from(unzipSync(readFileSync(path.join(work, 'modules', 'projects-create.zip')))['handlers/create-project.mjs.map']!).toString(),
  ) as { sources: string[] };
  assert.ok(map.sources.includes('../handlers/create-project.ts'), map.sources.slice(0, 3).join(', '));
  assert.ok(map.sources.some((source) => source.startsWith('../node_modules/@aws-sdk/')));
});
