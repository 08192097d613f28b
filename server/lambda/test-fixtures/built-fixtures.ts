// Test functions built the way the contract's functions are (the same
// esbuild bundle, a task root each), so runtime tests run what Lambda would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFunctions, handlerModule, taskRootName } from '../../../build/function-bundles.ts';
import { writeTaskRoot } from '../../../build/task-root.ts';
import type { FunctionCode, FunctionSpec } from '../invocation.ts';

const FIXTURES = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = path.resolve(FIXTURES, '../../..');

export interface FixtureFunction {
  name: string;
  /** Fixture module (without .ts) and export, e.g. `echo.handler`. */
  handler: string;
  timeoutSeconds?: number;
}

export interface BuiltFixtures {
  functions: FunctionSpec[];
  code: (functionName: string) => FunctionCode;
  remove: () => void;
}

export async function buildFixtures(fixtures: readonly FixtureFunction[]): Promise<BuiltFixtures> {
  const sources = fixtures.map((fixture) => {
    const module = handlerModule(fixture.handler);
    return {
      functionName: fixture.name,
      zip: `${fixture.name}.zip`,
      handler: fixture.handler,
      handlerFile: path.join(FIXTURES, `${module}.ts`),
      runtime: 'nodejs22.x' as const,
    };
  });
  const root = mkdtempSync(path.join(tmpdir(), 'fixture-functions-'));
  const codes = new Map<string, FunctionCode>();
  for (const bundle of await bundleFunctions(sources, PROJECT_ROOT)) {
    const taskRoot = path.join(root, taskRootName(bundle.source.zip));
    writeTaskRoot(taskRoot, bundle.files);
    codes.set(bundle.source.functionName, { ok: true, taskRoot, version: bundle.digest });
  }
  return {
    functions: fixtures.map((fixture) => ({
      functionName: fixture.name,
      handler: fixture.handler,
      runtime: 'nodejs22.x',
      memorySize: 256,
      timeoutSeconds: fixture.timeoutSeconds ?? 5,
    })),
    code: (functionName) => {
      const code = codes.get(functionName);
      if (!code) throw new Error(`no fixture ${functionName}`);
      return code;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
