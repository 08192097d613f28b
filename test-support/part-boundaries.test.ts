// The project's parts import one way only (docs/architecture.md, "Parts"):
// the contract core imports no other part; the build only the core; the
// engine (server/) the core and the build, never a module's code; a module's
// Lambda code (handlers/, and the projects fixture module's) only itself and
// its contract's generated types; a module's emulator side (local/) its own
// code and the engine's plugin API. Every import of every TypeScript file of
// each part is read, its tests included: a module's tests may run on the
// engine's emulators and read the core, but a test of the engine or the core
// has no business importing a module (it may read a module's files as data).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { projectRoot } from './project-root.ts';
import { type Import, importsOf } from './source-imports.ts';

interface Part {
  /** Folders of the part, relative to the project root. */
  folders: readonly string[];
  /** Parts its code may import (its own always; test-support from its tests). */
  mayUse: readonly string[];
  /** Parts its tests and test fixtures may import besides. */
  testsMayUse?: readonly string[];
}

const FIXTURE_MODULE = 'e2e/fixtures/projects-module';

export const PARTS: Readonly<Record<string, Part>> = {
  'contract core': { folders: ['contract-core'], mayUse: [] },
  build: { folders: ['build'], mayUse: ['contract core'] },
  engine: { folders: ['server'], mayUse: ['contract core', 'build'] },
  // Type-only for the functions themselves: handlers/layers.test.ts holds them to it.
  'module contract tooling': { folders: ['contracts'], mayUse: ['contract core'], testsMayUse: ['module code'] },
  'module code': { folders: ['handlers'], mayUse: ['module contract tooling'], testsMayUse: ['engine', 'contract core'] },
  'module emulator side': { folders: ['local'], mayUse: ['module code', 'engine', 'contract core'] },
  // Its Terraform's consistency with the contract and the manifest the build writes.
  'module infrastructure checks': { folders: ['infra'], mayUse: ['build', 'contract core'] },
  'fixture module code': { folders: [FIXTURE_MODULE], mayUse: [] },
};

/** Parts every test may lean on: ports, the project root, the import reader. */
const TEST_SUPPORT = 'test-support';

/** The part a file (relative to the project root) belongs to; the most specific folder wins. */
export function partOf(relative: string): string | undefined {
  let found: { part: string; length: number } | undefined;
  for (const [part, { folders }] of Object.entries(PARTS)) {
    for (const folder of folders) {
      if ((relative === folder || relative.startsWith(`${folder}/`)) && folder.length > (found?.length ?? -1)) {
        found = { part, length: folder.length };
      }
    }
  }
  return found?.part;
}

const isTestCode = (relative: string) => relative.endsWith('.test.ts') || relative.split('/').includes('test-fixtures');

/** Why this import crosses a part the wrong way, or null. Packages and node: builtins are not parts. */
export function crossing(relative: string, found: Import): string | null {
  if (!found.specifier.startsWith('.')) return null;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(relative), found.specifier));
  const from = partOf(relative);
  if (!from) return null;
  const to = partOf(target);
  if (to === from) return null;
  if (target.startsWith(`${TEST_SUPPORT}/`) && isTestCode(relative)) return null;
  const allowed = [...PARTS[from]!.mayUse, ...(isTestCode(relative) ? (PARTS[from]!.testsMayUse ?? []) : [])];
  if (to && allowed.includes(to)) return null;
  return `${relative} (${from}) imports ${found.specifier} (${to ?? target.split('/')[0]}); ${from} may use ${allowed.join(', ') || 'no other part'}`;
}

function sourcesOf(folder: string): string[] {
  return readdirSync(path.join(projectRoot, folder), { recursive: true, encoding: 'utf8' })
    .map((name) => `${folder}/${name.split(path.sep).join('/')}`)
    .filter((name) => name.endsWith('.ts') && !name.includes('/node_modules/'));
}

test('every import of every part goes the way docs/architecture.md says', () => {
  const broken: string[] = [];
  const files = Object.values(PARTS).flatMap((part) => part.folders.flatMap(sourcesOf));
  assert.ok(files.length > 300, `read ${files.length} files`);
  for (const relative of new Set(files)) {
    for (const found of importsOf(readFileSync(path.join(projectRoot, relative), 'utf8'), relative)) {
      const why = crossing(relative, found);
      if (why) broken.push(why);
    }
  }
  assert.deepEqual(broken, [], `imports across parts the wrong way:\n${broken.join('\n')}`);
});

test('a wrong-way import is named: engine → module, core → engine, build → engine, module → engine, fixture → outside', () => {
  const wrong: Array<[string, string]> = [
    ['server/console/console-data.ts', '../../handlers/data/table.ts'],
    ['server/app.test.ts', '../local/module-plugin.ts'],
    ['contract-core/load-module.ts', '../server/modules/module-plugin.ts'],
    ['contract-core/load-module.test.ts', '../handlers/function-environment.ts'],
    ['build/manifest.ts', '../server/local-aws.ts'],
    ['handlers/data/table.ts', '../../server/local-aws.ts'],
    ['handlers/domain/dispute.ts', '../../contract-core/load-contract.ts'],
    ['handlers/use-cases/run-transition.ts', '../../server/dynamodb/start-dynamodb.ts'],
    [`${FIXTURE_MODULE}/handlers/caller.ts`, '../../../../handlers/domain/dispute.ts'],
  ];
  for (const [relative, specifier] of wrong) {
    assert.match(crossing(relative, { specifier, typeOnly: false }) ?? '', / may use /, `${relative} → ${specifier}`);
  }
  const right: Array<[string, string]> = [
    ['server/main.ts', '../contract-core/load-module.ts'],
    ['server/lambda/live-function-code.ts', '../../build/function-bundles.ts'],
    ['build/contract-functions.ts', '../contract-core/load-module.ts'],
    ['local/module-plugin.ts', '../server/modules/module-plugin.ts'],
    ['local/console/dispute-detail.ts', '../../handlers/data/table.ts'],
    ['server/main.test.ts', '../test-support/free-port.ts'],
    ['handlers/list-disputes.ts', './http/with-http.ts'],
    ['handlers/use-cases/confirm-upload.test.ts', '../../server/s3/start-s3.ts'],
    ['handlers/domain/dispute.ts', '../../contracts/api.ts'],
  ];
  for (const [relative, specifier] of right)
    assert.equal(crossing(relative, { specifier, typeOnly: false }), null, `${relative} → ${specifier}`);
});
