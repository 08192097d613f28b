// `npm run build`: bundles every function of the contract (routes and S3
// notifications) into dist/functions/, one directory per function laid out as
// its task root, and prints the sizes. `-- --module <dir>` (repeatable) builds
// those modules together; by default the project's own.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadModulesForBuild, moduleFunctions } from './contract-functions.ts';
import { bundleFile, bundleFunctions, taskRootName } from './function-bundles.ts';
import { writeTaskRoot } from './task-root.ts';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const outDir = path.join(projectRoot, 'dist', 'functions');
const began = performance.now();
const { values } = parseArgs({ options: { module: { type: 'string', multiple: true } } });
const modules = loadModulesForBuild(values.module ?? [projectRoot]);
rmSync(outDir, { recursive: true, force: true });
let built = 0;
for (const module of modules) {
  const functions = moduleFunctions(module);
  const bundles = await bundleFunctions(
    functions.map((fn) => fn.lambda),
    module.root,
  );
  for (const [index, bundle] of bundles.entries()) {
    writeTaskRoot(path.join(outDir, taskRootName(bundle.source.zip)), bundle.files);
    const size = bundle.files[bundleFile(bundle.source)]!.byteLength;
    process.stdout.write(
      `${functions[index]!.lambda.functionNameTemplate.padEnd(44)} ${(size / 1024).toFixed(0).padStart(6)} KiB  ${path.relative(projectRoot, outDir)}/${taskRootName(bundle.source.zip)}/${bundleFile(bundle.source)}\n`,
    );
  }
  built += bundles.length;
}
process.stdout.write(`built ${built} functions in ${Math.round(performance.now() - began)} ms\n`);
