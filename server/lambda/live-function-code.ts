// The emulator's default code source: the contract's functions bundled by the
// same build that packages them for AWS, each in a task root of its own under
// `.emulator/functions/<zip name>-<digest>/`, rebuilt when a source they were
// built from changes (hot reload). A failed rebuild is printed with file and
// line; the functions it touches answer as a Lambda whose code cannot load,
// the others keep their last good build, and the next good save heals them.
// When nothing changed since the last run, the previous bundles are reused
// and start-up builds nothing.
// A saved change rebuilds only the functions built from the changed file (and
// those whose last build failed), from scratch, in a process of its own that
// exits once it has answered (function-build-process.ts): an incremental
// esbuild context kept for the next save held 300-550 MB in esbuild's service
// for the life of the emulator, and a build in the emulator's own process left
// it 75-125 MB larger each time.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  watch,
  writeFileSync,
  type FSWatcher,
} from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { bundleOptions, groupByRuntime, isProjectInput, type FunctionSource } from '../../build/function-bundles.ts';
import type { BuiltFunction } from './function-build.ts';
import { buildInChildProcess } from './function-build-process.ts';
import type { FunctionCode } from './invocation.ts';

export interface LiveCodeOptions {
  projectRoot: string;
  functions: readonly FunctionSource[];
  /** Where bundles and the last build's record live. */
  cacheDir: string;
  /** Rebuild when a source file changes. */
  watch: boolean;
  log: (line: string) => void;
  /** Called after a rebuild with the functions whose code changed. */
  onChange?: (functionNames: string[]) => void;
}

export interface LiveFunctionCode {
  code(functionName: string): Promise<FunctionCode>;
  /** How start-up got its bundles: built now, or reused from the last run. */
  readonly startedFrom: 'build' | 'cache';
  dispose(): Promise<void>;
}

interface BuildRecord {
  key: string;
  functions: Record<string, { taskRoot: string; version: string; inputs: string[] }>;
  fingerprints: Record<string, string>;
}

const RECORD_FILE = 'last-build.json';
// Changes when what a build writes into a task root changes (function-build.ts), so that a last run's task roots are not reused.
const TASK_ROOT_LAYOUT = 'project-sources';
const SETTLE_MS = 25;
const PRUNE_AFTER_MS = 24 * 60 * 60 * 1000;

export async function startLiveFunctionCode(options: LiveCodeOptions): Promise<LiveFunctionCode> {
  const { projectRoot, cacheDir, log } = options;
  mkdirSync(cacheDir, { recursive: true });
  const builds = groupByRuntime(options.functions).map((functions) => ({ functions, settings: bundleOptions(functions, projectRoot) }));
  const key = createHash('sha256')
    .update(TASK_ROOT_LAYOUT)
    .update(esbuild.version)
    .update(JSON.stringify(builds.map((build) => build.settings)))
    .digest('hex');

  const state = new Map<string, FunctionCode>();
  const inputs = new Map<string, string[]>();
  const watchers = new Map<string, FSWatcher>();
  let failures = 0;
  let pending: Promise<void> | undefined;
  let again = false;
  let disposed = false;
  /** Files changed since the last build (relative to the project); null: some change named no file. */
  let changedFiles: Set<string> | null = new Set();
  // Kills a build under way when the emulator stops.
  const disposal = new AbortController();

  /** The functions a build must make: those built from a changed file, and those whose last build failed; all when a change named no file. */
  function functionsToBuild(changed: Set<string> | null): FunctionSource[] {
    if (changed === null) return [...options.functions];
    return options.functions.filter(
      (fn) => !state.get(fn.functionName)?.ok || (inputs.get(fn.functionName) ?? []).some((input) => changed.has(input)),
    );
  }

  const fingerprint = (input: string): string => {
    try {
      return createHash('sha256')
        .update(readFileSync(path.join(projectRoot, input)))
        .digest('hex');
    } catch {
      return 'missing';
    }
  };

  function adopt(built: BuiltFunction): boolean {
    const before = state.get(built.functionName);
    state.set(built.functionName, { ok: true, taskRoot: built.taskRoot, version: built.version });
    inputs.set(built.functionName, built.inputs);
    return !before?.ok || before.version !== built.version;
  }

  async function build(): Promise<void> {
    const toBuild = new Set(functionsToBuild(changedFiles));
    changedFiles = new Set();
    if (toBuild.size === 0) return;
    const began = performance.now();
    const reply = await buildInChildProcess(
      { projectRoot, cacheDir, functions: [...toBuild], color: process.stdout.isTTY === true },
      disposal.signal,
    );
    if (disposed) return;
    if (reply.ok) {
      const changed = reply.built.filter(adopt).map((built) => built.functionName);
      saveRecord();
      watchSources();
      if (changed.length > 0) options.onChange?.(changed);
      log(
        `[build] ${changed.length} of ${options.functions.length} functions changed (${toBuild.size} built), in ${Math.round(performance.now() - began)} ms`,
      );
    } else {
      const { errors: messages, formatted } = reply;
      const files = new Set(messages.map((message) => message.location?.file).filter((file): file is string => !!file));
      let affected = [...toBuild].filter((fn) => (inputs.get(fn.functionName) ?? []).some((input) => files.has(input)));
      if (affected.length === 0) affected = [...toBuild];
      failures += 1;
      const first = messages[0];
      const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
      for (const fn of affected) {
        state.set(fn.functionName, {
          ok: false,
          version: `failed-${failures}`,
          errorType: /Could not resolve/.test(first?.text ?? '') ? 'Runtime.ImportModuleError' : 'Runtime.UserCodeSyntaxError',
          errorMessage: `${where}${first?.text ?? 'build failed'}`,
        });
      }
      log(
        `[build] build failed; until the next good save these answer 500: ${affected.map((fn) => fn.functionName).join(', ')}\n${formatted}`,
      );
      // Without a good build yet there are no inputs to watch: watch the entries and the files in error.
      watchSources([...options.functions.map((fn) => path.relative(projectRoot, fn.handlerFile)), ...files]);
    }
  }

  function rebuildSoon(dir: string, file: string | null): void {
    if (disposed) return;
    if (file === null || changedFiles === null) changedFiles = null;
    else changedFiles.add(path.relative(projectRoot, path.join(dir, file)).split(path.sep).join('/'));
    if (pending) {
      again = true;
      return;
    }
    pending = (async () => {
      do {
        again = false;
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        await build();
      } while (again && !disposed);
    })()
      // Whatever else goes wrong after a build (the record not written, a directory not watched) is said, never thrown.
      .catch((error: unknown) => log(`[build] ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        pending = undefined;
      });
  }

  // The directories of the project's own sources (not node_modules): an edit, a
  // new file or an editor's rename-on-save there triggers a rebuild.
  function watchSources(extra: string[] = []): void {
    if (!options.watch || disposed) return;
    const sources = [...[...inputs.values()].flat(), ...extra].filter(isProjectInput);
    const dirs = new Set(sources.map((input) => path.join(projectRoot, path.dirname(input))));
    if (extra.length === 0)
      for (const [dir, watcher] of watchers)
        if (!dirs.has(dir)) {
          watcher.close();
          watchers.delete(dir);
        }
    for (const dir of dirs) {
      if (watchers.has(dir) || !existsSync(dir)) continue;
      const watcher = watch(dir, { persistent: false }, (_event, file) => rebuildSoon(dir, file));
      watcher.on('error', () => undefined);
      watchers.set(dir, watcher);
    }
  }

  function saveRecord(): void {
    const functions: BuildRecord['functions'] = {};
    for (const fn of options.functions) {
      const code = state.get(fn.functionName);
      if (code?.ok)
        functions[fn.functionName] = { taskRoot: code.taskRoot, version: code.version, inputs: inputs.get(fn.functionName) ?? [] };
    }
    const all = new Set(Object.values(functions).flatMap((entry) => entry.inputs));
    const record: BuildRecord = {
      key,
      functions,
      fingerprints: Object.fromEntries([...all].sort().map((input) => [input, fingerprint(input)])),
    };
    writeFileSync(path.join(cacheDir, RECORD_FILE), JSON.stringify(record));
  }

  function reuseRecord(): boolean {
    let record: BuildRecord;
    try {
      record = JSON.parse(readFileSync(path.join(cacheDir, RECORD_FILE), 'utf8')) as BuildRecord;
    } catch {
      return false;
    }
    if (
      record.key !== key ||
      options.functions.some((fn) => !record.functions[fn.functionName] || !existsSync(record.functions[fn.functionName]!.taskRoot))
    )
      return false;
    if (Object.entries(record.fingerprints).some(([input, digest]) => fingerprint(input) !== digest)) return false;
    for (const fn of options.functions) {
      const entry = record.functions[fn.functionName]!;
      state.set(fn.functionName, { ok: true, taskRoot: entry.taskRoot, version: entry.version });
      inputs.set(fn.functionName, entry.inputs);
    }
    watchSources();
    return true;
  }

  const startedFrom = reuseRecord() ? 'cache' : 'build';
  if (startedFrom === 'build') {
    changedFiles = null;
    await build();
  }
  pruneOldTaskRoots();

  // Every save adds task roots; those no emulator has used for a day go.
  function pruneOldTaskRoots(): void {
    const inUse = new Set([...state.values()].flatMap((code) => (code.ok ? [code.taskRoot] : [])));
    const cutoff = Date.now() - PRUNE_AFTER_MS;
    for (const entry of readdirSync(cacheDir, { withFileTypes: true })) {
      const dir = path.join(cacheDir, entry.name);
      if (entry.isDirectory() && !inUse.has(dir) && statSync(dir).mtimeMs < cutoff) rmSync(dir, { recursive: true, force: true });
    }
    for (const dir of inUse) utimesSync(dir, new Date(), new Date());
  }

  return {
    startedFrom,
    async code(functionName) {
      while (pending) await pending;
      const code = state.get(functionName);
      if (!code) throw new Error(`Function not found: ${functionName}`);
      return code;
    },
    async dispose() {
      disposed = true;
      disposal.abort();
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      await pending;
    },
  };
}
