// The runtime bootstrap as plain JavaScript, so that an execution environment
// starts on bare `node` (no TypeScript loader in it, as in Lambda), in a
// runtime directory of its own under `.emulator/runtime/` (the environments'
// LAMBDA_RUNTIME_DIR).
import { fileURLToPath } from 'node:url';
import { compileEntry } from './compiled-entry.ts';

const SOURCE = fileURLToPath(new URL('./runtime-bootstrap.ts', import.meta.url));
const RUNTIMES = fileURLToPath(new URL('../../.emulator/runtime/', import.meta.url));

export interface RuntimeFiles {
  /** LAMBDA_RUNTIME_DIR of the emulator's environments. */
  runtimeDir: string;
  bootstrap: string;
}

let compiled: Promise<RuntimeFiles> | undefined;

export function runtimeFiles(): Promise<RuntimeFiles> {
  compiled ??= compileEntry({ source: SOURCE, fileName: 'bootstrap.mjs', parentDir: RUNTIMES }).then(({ dir, file }) => ({
    runtimeDir: dir,
    bootstrap: file,
  }));
  return compiled;
}
