// A build of functions for the emulator: each function's bundle written as a
// task root under the cache directory, named by its content, and the answer
// says where, or gives esbuild's errors. It runs in a process of its own
// (function-build-process.ts), never in the emulator's.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { bundleFunctions, taskRootName, type FunctionBundle, type FunctionSource } from '../../build/function-bundles.ts';
import { writeTaskRoot } from '../../build/task-root.ts';

export interface BuildRequest {
  projectRoot: string;
  /** Where the task roots go. */
  cacheDir: string;
  functions: FunctionSource[];
  /** Errors formatted with colours (for a terminal). */
  color: boolean;
}

export interface BuiltFunction {
  functionName: string;
  taskRoot: string;
  /** The bundle's digest: its code version. */
  version: string;
  /** Files the bundle was built from, relative to the project. */
  inputs: string[];
}

export interface BuildMessage {
  text: string;
  location: { file: string; line: number; column: number } | null;
}

export type BuildReply = { ok: true; built: BuiltFunction[] } | { ok: false; errors: BuildMessage[]; formatted: string };

/**
 * The task root's source maps, pointed at the project's own files (a
 * sourceRoot) instead of paths beside the task root where no source is: stack
 * traces then name files an editor opens, and a debugger sets its breakpoints
 * in them. The packaged zips keep their task-root paths.
 */
export function withProjectSources(files: Record<string, Uint8Array>, projectRoot: string): Record<string, Uint8Array> {
  return Object.fromEntries(
    Object.entries(files).map(([name, contents]) => {
      if (!name.endsWith('.map')) return [name, contents];
      const map = JSON.parse(Buffer.from(contents).toString('utf8')) as Record<string, unknown>;
      // Sources are relative to the map's folder; the same folder in the project.
      map['sourceRoot'] = `${pathToFileURL(path.join(projectRoot, path.dirname(name))).href}/`;
      return [name, Buffer.from(JSON.stringify(map))];
    }),
  );
}

function written(bundle: FunctionBundle, { projectRoot, cacheDir }: BuildRequest): BuiltFunction {
  // Named by what is written, the project's path in the source maps included (a moved project writes anew).
  const name = createHash('sha256').update(bundle.digest).update(projectRoot).digest('hex');
  const taskRoot = path.join(cacheDir, `${taskRootName(bundle.source.zip)}-${name.slice(0, 16)}`);
  writeTaskRoot(taskRoot, withProjectSources(bundle.files, projectRoot));
  return { functionName: bundle.source.functionName, taskRoot, version: bundle.digest, inputs: bundle.inputs };
}

export async function build(request: BuildRequest): Promise<BuildReply> {
  try {
    const bundles = await bundleFunctions(request.functions, request.projectRoot);
    return { ok: true, built: bundles.map((bundle) => written(bundle, request)) };
  } catch (error) {
    const errors: BuildMessage[] = ((error as esbuild.BuildFailure).errors ?? [{ text: String(error), location: null }]).map(
      ({ text, location }) => ({ text, location: location ? { file: location.file, line: location.line, column: location.column } : null }),
    );
    const formatted = await esbuild.formatMessages(errors, { kind: 'error', color: request.color });
    return { ok: false, errors, formatted: formatted.join('').trimEnd() };
  }
}
