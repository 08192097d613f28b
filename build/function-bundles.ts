// Bundles every function the contract binds into a task root of its own, laid
// out as Lambda unpacks the zip: `<out>/<zip name>/<handler module>.mjs` plus
// its source map, so that the contract's `x-lambda.handler` (for example
// `handlers/create-dispute.handler`) is the Lambda handler setting unchanged.
//
// Choices (measured; see docs/build.md): ESM, because the nodejs2x.x runtimes
// load `.mjs` natively and esbuild tree-shakes ESM sources best; the AWS SDK
// bundled, so the versions we pin and test are the versions that run; minified
// with keepNames (problem classes name themselves) and linked source maps
// without sources, which NODE_OPTIONS=--enable-source-maps turns into `.ts`
// lines in stack traces.
import { createHash } from 'node:crypto';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { buildTarget, type LambdaRuntime } from '../contract-core/lambda-runtimes.ts';

export interface FunctionSource {
  functionName: string;
  zip: string;
  /** Lambda's handler setting, `<module path>.<export>`. */
  handler: string;
  /** Absolute path of the TypeScript entry module. */
  handlerFile: string;
  runtime: LambdaRuntime;
}

/** What a deployed function needs in its environment for the source maps to be used. */
export const BUNDLE_NODE_OPTIONS = '--enable-source-maps';

// CommonJS dependencies (busboy, parts of the SDK) call require() for Node's
// built-ins; an ESM bundle has no require unless it makes one.
const REQUIRE_SHIM =
  "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);";

export const taskRootName = (zip: string): string => zip.replace(/\.zip$/, '');
/** The module a handler setting names: up to the first dot of its last path segment, as Lambda reads it. */
export function handlerModule(handler: string): string {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  return dot === -1 ? handler : handler.slice(0, dot);
}

/** A bundle input from the project itself, not from node_modules. */
export const isProjectInput = (input: string): boolean => !input.split('/').includes('node_modules');

/** The bundle's path inside its task root, e.g. `handlers/create-dispute.mjs`. */
export const bundleFile = (fn: Pick<FunctionSource, 'handler'>): string => `${handlerModule(fn.handler)}.mjs`;

// esbuild never writes here (write: false); output paths are computed under it.
const VIRTUAL_OUT = '.bundles';

/** esbuild options for one runtime's functions; nothing in them depends on where the project lives. */
export function bundleOptions(
  functions: readonly FunctionSource[],
  projectRoot: string,
): esbuild.BuildOptions & { metafile: true; write: false } {
  const runtimes = new Set(functions.map((fn) => fn.runtime));
  const [runtime, ...others] = runtimes;
  if (!runtime || others.length > 0) throw new Error(`one build per runtime (got ${[...runtimes].join(', ') || 'none'})`);
  return {
    absWorkingDir: projectRoot,
    entryPoints: functions.map((fn) => ({ in: fn.handlerFile, out: `${taskRootName(fn.zip)}/${handlerModule(fn.handler)}` })),
    outdir: path.join(projectRoot, VIRTUAL_OUT),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: buildTarget(runtime),
    mainFields: ['module', 'main'],
    // Paths stay as the project sees them when node_modules is a link (a worktree sharing a checkout's packages).
    preserveSymlinks: true,
    banner: { js: REQUIRE_SHIM },
    minify: true,
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  };
}

export interface FunctionBundle {
  source: FunctionSource;
  /** The task root's files by path inside it: the bundle and its source map. */
  files: Record<string, Uint8Array>;
  /** sha256 (hex) of the task root's files, for telling one build of a function from the next. */
  digest: string;
  /** Project and package files that made it into the bundle, relative to the project root. */
  inputs: string[];
}

/** Splits one build's output per function. Source paths are rewritten relative to the task root, so a stack trace reads `/var/task/handlers/x.ts:12`. */
export function splitBundles(
  functions: readonly FunctionSource[],
  result: esbuild.BuildResult<{ metafile: true; write: false }>,
  projectRoot: string,
): FunctionBundle[] {
  const outputs = new Map(
    result.outputFiles.map((file) => [path.relative(projectRoot, file.path).split(path.sep).join('/'), file.contents]),
  );
  return functions.map((source) => {
    const bundlePath = bundleFile(source);
    const key = `${VIRTUAL_OUT}/${taskRootName(source.zip)}/${bundlePath}`;
    const code = outputs.get(key);
    const map = outputs.get(`${key}.map`);
    const meta = result.metafile.outputs[key];
    if (!code || !map || !meta) throw new Error(`esbuild wrote no ${key}`);
    const files = { [bundlePath]: code, [`${bundlePath}.map`]: relocateSourceMap(map, path.dirname(bundlePath)) };
    const hash = createHash('sha256');
    for (const name of Object.keys(files).sort()) hash.update(name).update(files[name]!);
    return {
      source,
      files,
      digest: hash.digest('hex'),
      inputs: Object.entries(meta.inputs)
        .filter(([, use]) => use.bytesInOutput > 0)
        .map(([input]) => input)
        .sort(),
    };
  });
}

// esbuild writes sources relative to the map in the virtual output tree, which
// leads back to the project; the same paths relative to the task root instead.
function relocateSourceMap(contents: Uint8Array, bundleDir: string): Uint8Array {
  const map = JSON.parse(Buffer.from(contents).toString('utf8')) as { sources: string[] };
  const up =
    bundleDir === '.'
      ? ''
      : `${bundleDir
          .split('/')
          .map(() => '..')
          .join('/')}/`;
  const depth = 2 + (bundleDir === '.' ? 0 : bundleDir.split('/').length); // VIRTUAL_OUT/<task root>/<bundle dir>
  map.sources = map.sources.map((source) => {
    const parts = source.split('/');
    const leading = parts.findIndex((part) => part !== '..');
    // A module whose packages sit in an enclosing folder (a module of a larger checkout): its packages
    // as if installed beside it, as a deployment of the module alone would have them.
    const packages = parts.indexOf('node_modules');
    if (leading > depth && packages !== -1) return up + parts.slice(packages).join('/');
    if (leading !== depth) throw new Error(`source ${source} is outside the project`);
    return up + parts.slice(leading).join('/');
  });
  return Buffer.from(JSON.stringify(map));
}

/** The functions split by runtime: esbuild has one target per build. */
export function groupByRuntime(functions: readonly FunctionSource[]): FunctionSource[][] {
  const groups = new Map<string, FunctionSource[]>();
  for (const fn of functions) groups.set(fn.runtime, [...(groups.get(fn.runtime) ?? []), fn]);
  return [...groups.values()];
}

/** Bundles every function, one esbuild run per runtime. Throws esbuild's error on a failed build. */
export async function bundleFunctions(functions: readonly FunctionSource[], projectRoot: string): Promise<FunctionBundle[]> {
  const built = await Promise.all(
    groupByRuntime(functions).map(async (group) =>
      splitBundles(group, await esbuild.build(bundleOptions(group, projectRoot)), projectRoot),
    ),
  );
  const byZip = new Map(built.flat().map((bundle) => [bundle.source.zip, bundle]));
  return functions.map((fn) => byZip.get(fn.zip)!);
}
