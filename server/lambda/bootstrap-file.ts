// The runtime bootstrap as plain JavaScript, so that an execution environment
// starts on bare `node` (no TypeScript loader in it, as in Lambda). Compiled
// once per content into `.emulator/runtime/`, written under a temporary name
// and renamed, so emulators running side by side never see a partial file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const SOURCE = fileURLToPath(new URL('./runtime-bootstrap.ts', import.meta.url));
/** LAMBDA_RUNTIME_DIR of the emulator's environments. */
export const RUNTIME_DIR = fileURLToPath(new URL('../../.emulator/runtime/', import.meta.url));

let compiled: Promise<string> | undefined;

export function bootstrapFile(): Promise<string> {
  compiled ??= compile();
  return compiled;
}

async function compile(): Promise<string> {
  const { outputFiles } = await esbuild.build({
    entryPoints: [SOURCE], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent',
  });
  const code = outputFiles[0]!.contents;
  const file = path.join(RUNTIME_DIR, `bootstrap-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(RUNTIME_DIR, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, file);
  }
  return file;
}
