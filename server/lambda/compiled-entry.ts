// A TypeScript entry as plain JavaScript, for a child process that starts on
// bare `node` (no TypeScript loader: faster, and nothing of the emulator's own
// flags). Compiled once per content into a directory of its own, written the
// way task roots are, so emulators running side by side never see a partial file.
import { createHash } from 'node:crypto';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { writeTaskRoot } from '../../build/task-root.ts';

export interface CompiledEntry {
  /** The directory the file is in, named by its content. */
  dir: string;
  file: string;
}

export async function compileEntry(options: {
  source: string;
  /** The file's name in its directory, e.g. `bootstrap.mjs`. */
  fileName: string;
  /** Under which directory the content-named directory goes. */
  parentDir: string;
  /** Packages are imported from node_modules at run time instead of bundled. */
  packagesExternal?: boolean;
}): Promise<CompiledEntry> {
  const { outputFiles } = await esbuild.build({
    entryPoints: [options.source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    ...(options.packagesExternal ? { packages: 'external' as const } : {}),
  });
  const code = outputFiles[0]!.contents;
  const dir = path.join(options.parentDir, createHash('sha256').update(code).digest('hex').slice(0, 16));
  writeTaskRoot(dir, { [options.fileName]: code });
  return { dir, file: path.join(dir, options.fileName) };
}
