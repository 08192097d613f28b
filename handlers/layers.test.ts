// The folders of handlers/ import one way only: the table in
// docs/architecture.md ("Layers"), held here as data and checked against
// every import of every module (tests and their fixtures aside). A module
// may also import npm packages and node: builtins, and the contract's
// generated types (type-only: they vanish from the bundles); nothing else
// outside handlers/.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importsOf, type Import } from '../test-support/source-imports.ts';

const HANDLERS = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HANDLERS);

/** `entries` are the modules directly in handlers/; every folder may import its own modules too. */
const MAY_USE: Readonly<Record<string, readonly string[]>> = {
  entries: ['http', 'problems', 'requests', 'use-cases', 'views', 'data', 'domain'],
  http: ['problems', 'requests', 'data', 'domain'],
  problems: ['domain'],
  requests: ['domain'],
  'use-cases': ['data', 'domain', 'views'],
  views: ['data', 'domain'],
  data: ['domain'],
  domain: [],
};

/** Outside handlers/, reached by a relative path: the contract's generated types, type-only. */
const TYPES_OUTSIDE = new Set(['contracts/api.ts']);

/** The layer a module of handlers/ belongs to: its first folder, or `entries`. */
function layerOf(relative: string): string {
  const [first, ...rest] = relative.split('/');
  return rest.length === 0 ? 'entries' : (first ?? '');
}

const isTestCode = (relative: string) => relative.endsWith('.test.ts') || relative.split('/').includes('test-fixtures');

function modules(): string[] {
  return readdirSync(HANDLERS, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split(path.sep).join('/'))
    .filter((name) => name.endsWith('.ts') && !isTestCode(name))
    .sort();
}

const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const PACKAGES = new Set([...Object.keys(PACKAGE.dependencies ?? {}), ...Object.keys(PACKAGE.devDependencies ?? {})]);

/** `@aws-sdk/client-s3/x` → `@aws-sdk/client-s3`; `zod/v4` → `zod`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Why one import breaks the rules, or null when it keeps them. */
function violation(relative: string, found: Import, mayUse: Readonly<Record<string, readonly string[]>> = MAY_USE): string | null {
  const { specifier } = found;
  if (!specifier.startsWith('.')) {
    if (specifier.startsWith('node:')) return null;
    if (builtinModules.includes(specifier)) return `imports the builtin ${specifier} without node:`;
    const name = packageName(specifier);
    if (PACKAGES.has(name) || PACKAGES.has(`@types/${name}`)) return null;
    return `imports ${specifier}, which is neither a node: builtin nor a package of package.json`;
  }
  const target = path
    .relative(HANDLERS, path.resolve(HANDLERS, path.dirname(relative), specifier))
    .split(path.sep)
    .join('/');
  if (target.startsWith('../')) {
    const outside = path.relative(ROOT, path.resolve(HANDLERS, target)).split(path.sep).join('/');
    if (TYPES_OUTSIDE.has(outside) && found.typeOnly) return null;
    return TYPES_OUTSIDE.has(outside)
      ? `imports ${specifier} for more than its types`
      : `imports ${specifier}, outside handlers/ (only npm packages, node: builtins and type-only ${[...TYPES_OUTSIDE].join(', ')})`;
  }
  const from = layerOf(relative);
  const to = layerOf(target);
  const allowed = mayUse[from];
  if (!allowed) return `is in ${from}/, a folder the table does not list`;
  if (to === from || allowed.includes(to)) return null;
  return `(${from}) imports ${specifier} (${to}); ${from} may use ${allowed.join(', ') || 'nothing'}`;
}

test('every import of handlers/ goes the way the table allows', () => {
  const broken: string[] = [];
  for (const relative of modules()) {
    for (const found of importsOf(readFileSync(path.join(HANDLERS, relative), 'utf8'), relative)) {
      const why = violation(relative, found);
      if (why) broken.push(`handlers/${relative} ${why}`);
    }
  }
  assert.deepEqual(broken, [], `imports against docs/architecture.md's table:\n${broken.join('\n')}`);
});

test('the table in docs/architecture.md says what MAY_USE says', () => {
  const doc = readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const documented: Record<string, string[]> = {};
  for (const row of doc.split('\n').filter((line) => line.startsWith('| `handlers/'))) {
    const cells = row.split('|').map((cell) => cell.trim());
    const folder = /`handlers\/([^`/]*)\/?`/.exec(cells[1] ?? '')?.[1] ?? '';
    const uses = cells[3] ?? '';
    documented[folder === '*.ts' ? 'entries' : folder] =
      uses === 'nothing'
        ? []
        : uses.startsWith('everything below')
          ? [...(MAY_USE['entries'] ?? [])]
          : uses.split(/,\s*/).map((use) => use.split(' ')[0] ?? '');
  }
  assert.deepEqual(documented, Object.fromEntries(Object.entries(MAY_USE).map(([layer, uses]) => [layer, [...uses]])));
});

test('the check names wrong-way, outside and undeclared imports, and sees every kind of import', () => {
  assert.deepEqual(
    importsOf(
      "import { a } from './a.ts';\nimport type { B } from './b.ts';\nexport { c } from './c.ts';\nconst d = await import('./d.ts');",
    ),
    [
      { specifier: './a.ts', typeOnly: false },
      { specifier: './b.ts', typeOnly: true },
      { specifier: './c.ts', typeOnly: false },
      { specifier: './d.ts', typeOnly: false },
    ],
  );
  assert.match(violation('domain/x.ts', { specifier: '../data/table.ts', typeOnly: true }) ?? '', /domain may use nothing/);
  assert.match(violation('use-cases/x.ts', { specifier: '../http/with-http.ts', typeOnly: false }) ?? '', /use-cases may use/);
  assert.match(violation('data/x.ts', { specifier: '../../server/app.ts', typeOnly: false }) ?? '', /outside handlers/);
  assert.match(violation('domain/x.ts', { specifier: '../../contracts/api.ts', typeOnly: false }) ?? '', /more than its types/);
  assert.equal(violation('domain/x.ts', { specifier: '../../contracts/api.ts', typeOnly: true }), null);
  assert.match(violation('data/x.ts', { specifier: 'left-pad', typeOnly: false }) ?? '', /package\.json/);
  assert.match(violation('data/x.ts', { specifier: 'fs', typeOnly: false }) ?? '', /without node:/);
  assert.equal(violation('http/x.ts', { specifier: '../problems/problem.ts', typeOnly: false }), null);
  assert.equal(violation('x.ts', { specifier: './use-cases/run-transition.ts', typeOnly: false }), null);
});
