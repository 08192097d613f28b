// `npm run package`: the seed's zips, one per function, and the manifest the
// deployment reads. Everything written is a function of the sources only:
// two runs give the same bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ContractFunction } from './contract-functions.ts';
import { deterministicZip } from './deterministic-zip.ts';
import { BUNDLE_NODE_OPTIONS, bundleFunctions, isProjectInput, type FunctionBundle } from './function-bundles.ts';
import { MANIFEST_FILE, type Manifest, type ManifestFunction } from './manifest.ts';
import { bundleActions } from './sdk-actions.ts';

export function manifestEntry(fn: ContractFunction, bundle: FunctionBundle, zip: Uint8Array, projectRoot: string): ManifestFunction {
  const projectInputs = bundle.inputs.filter(isProjectInput);
  return {
    function: fn.lambda.functionNameTemplate,
    ...('route' in fn ? { route: fn.route } : { trigger: fn.trigger }),
    handler: fn.lambda.handler,
    zip: fn.lambda.zip,
    sha256: createHash('sha256').update(zip).digest('hex'),
    size: zip.byteLength,
    unzippedSize: Object.values(bundle.files).reduce((sum, file) => sum + file.byteLength, 0),
    runtime: fn.lambda.runtime,
    memory: fn.lambda.memorySize,
    timeout: fn.lambda.timeoutSeconds,
    environment: { NODE_OPTIONS: BUNDLE_NODE_OPTIONS },
    actions: bundleActions(projectInputs.map((input) => path.join(projectRoot, input))),
  };
}

/** One module's functions, bundled from its folder (their handler paths are relative to it). */
export interface ModuleFunctions {
  projectRoot: string;
  functions: readonly ContractFunction[];
}

/** Builds, zips and describes every function of these modules into `distDir` (its zips and manifest are replaced): their zips side by side, one manifest. */
export async function packageModules(modules: readonly ModuleFunctions[], distDir: string): Promise<Manifest> {
  const functions: ManifestFunction[] = [];
  for (const { projectRoot, functions: contractFunctions } of modules) {
    const bundles = await bundleFunctions(
      contractFunctions.map((fn) => fn.lambda),
      projectRoot,
    );
    mkdirSync(distDir, { recursive: true });
    for (const [index, fn] of contractFunctions.entries()) {
      const bundle = bundles[index]!;
      const zip = deterministicZip(bundle.files);
      writeFileSync(path.join(distDir, fn.lambda.zip), zip);
      functions.push(manifestEntry(fn, bundle, zip, projectRoot));
    }
  }
  const manifest: Manifest = { functions };
  writeFileSync(path.join(distDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
