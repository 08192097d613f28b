// The runtime bootstrap as plain JavaScript, so that an execution environment
// starts on bare `node` (no TypeScript loader in it, as in Lambda). Compiled
// once per content into a runtime directory of its own under
// `.emulator/runtime/` (the environments' LAMBDA_RUNTIME_DIR), written the way
// task roots are, so emulators running side by side never see a partial file.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { writeTaskRoot } from '../../build/task-root.ts';

const SOURCE = fileURLToPath(new URL('./runtime-bootstrap.ts', import.meta.url));
const RUNTIMES = fileURLToPath(new URL('../../.emulator/runtime/', import.meta.url));
const BOOTSTRAP = 'bootstrap.mjs';

export interface RuntimeFiles {
  /** LAMBDA_RUNTIME_DIR of the emulator's environments. */
  runtimeDir: string;
  bootstrap: string;
}

let compiled: Promise<RuntimeFiles> | undefined;

export function runtimeFiles(): Promise<RuntimeFiles> {
  compiled ??= compile();
  return compiled;
}

async function compile(): Promise<RuntimeFiles> {
  const { outputFiles } = await esbuild.build({
    entryPoints: [SOURCE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = outputFiles[0]!.contents;
  const runtimeDir = path.join(RUNTIMES, createHash('sha256').update(code).digest('hex').slice(0, 16));
  writeTaskRoot(runtimeDir, { [BOOTSTRAP]: code });
  return { runtimeDir, bootstrap: path.join(runtimeDir, BOOTSTRAP) };
}
