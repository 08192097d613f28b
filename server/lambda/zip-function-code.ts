// `--zips`: the emulator runs the packaged artifacts themselves. Each zip named
// by dist/manifest.json is checked against its recorded sha256 and unzipped
// into a task root of its own, as Lambda does with a deployment package.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { taskRootName } from '../../build/function-bundles.ts';
import { MANIFEST_FILE, type Manifest } from '../../build/manifest.ts';
import { writeTaskRoot } from '../../build/task-root.ts';
import type { FunctionCode } from './invocation.ts';

export interface ZipFunctionCode {
  code(functionName: string): FunctionCode;
  dispose(): void;
}

/** `functionNames` maps the manifest's `function` template to the name the emulator runs it under. */
export function unpackZips(distDir: string, functionNames: (template: string) => string): ZipFunctionCode {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(distDir, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch {
    throw new Error(`no ${path.join(distDir, MANIFEST_FILE)}: run \`npm run package\` first`);
  }
  const root = mkdtempSync(path.join(tmpdir(), 'lambda-task-roots-'));
  const codes = new Map<string, FunctionCode>();
  try {
    for (const fn of manifest.functions) {
      const zip = readFileSync(path.join(distDir, fn.zip));
      const sha256 = createHash('sha256').update(zip).digest('hex');
      if (sha256 !== fn.sha256)
        throw new Error(`${fn.zip} does not match ${MANIFEST_FILE} (sha256 ${sha256}): run \`npm run package\` again`);
      const taskRoot = path.join(root, taskRootName(fn.zip));
      // Directory entries (names ending in /) are implied by the files in them.
      writeTaskRoot(taskRoot, Object.fromEntries(Object.entries(unzipSync(zip)).filter(([name]) => !name.endsWith('/'))));
      codes.set(functionNames(fn.function), { ok: true, taskRoot, version: sha256 });
    }
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    code(functionName) {
      const code = codes.get(functionName);
      if (!code) throw new Error(`${functionName} is not in ${MANIFEST_FILE}: run \`npm run package\` again`);
      return code;
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
