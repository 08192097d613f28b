// `npm run package`: writes dist/<zip> for every function and dist/manifest.json,
// and prints each zip's size and hash. `-- --module <dir>` (repeatable)
// packages those modules together; by default the project's own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadModulesForBuild, moduleFunctions } from './contract-functions.ts';
import { MANIFEST_FILE } from './manifest.ts';
import { packageModules } from './package-functions.ts';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const distDir = path.join(projectRoot, 'dist');
const began = performance.now();
const { values } = parseArgs({ options: { module: { type: 'string', multiple: true } } });
const modules = loadModulesForBuild(values.module ?? [projectRoot]);
const manifest = await packageModules(
  modules.map((module) => ({ projectRoot: module.root, functions: moduleFunctions(module) })),
  distDir,
);
for (const fn of manifest.functions) {
  process.stdout.write(
    `${fn.zip.padEnd(30)} ${(fn.size / 1024).toFixed(0).padStart(5)} KiB zipped ${(fn.unzippedSize / 1024).toFixed(0).padStart(6)} KiB unzipped  sha256 ${fn.sha256.slice(0, 16)}…\n`,
  );
}
process.stdout.write(
  `packaged ${manifest.functions.length} functions of ${modules.map((module) => module.name).join(', ')} into ${path.relative(projectRoot, distDir)}/ (${MANIFEST_FILE}) in ${Math.round(performance.now() - began)} ms\n`,
);
