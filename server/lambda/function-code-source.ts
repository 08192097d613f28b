// Where the functions' code comes from: each module's sources, bundled and
// rebuilt on save (default), or the packaged zips of dist/ as they are
// (`--zips`; `npm run package -- --module …` packages several modules).
import path from 'node:path';
import { boundFunctions } from '../../contract-core/load-contract.ts';
import type { Module } from '../../contract-core/load-module.ts';
import type { FunctionCode } from './invocation.ts';
import { startLiveFunctionCode } from './live-function-code.ts';
import { unpackZips } from './zip-function-code.ts';

export interface CodeSource {
  code(functionName: string): FunctionCode | Promise<FunctionCode>;
  startedFrom: string;
  dispose(): Promise<void>;
}

export interface CodeSourceOptions {
  zips: boolean;
  /** The project folder the emulator runs from: dist/ (what `npm run package` writes) and .emulator/ are its. */
  home: string;
  modules: ReadonlyArray<Pick<Module, 'root' | 'name' | 'contract'>>;
  stage: string;
  log: (line: string) => void;
  onChange: (functionNames: string[]) => void;
}

export async function startFunctionCode(options: CodeSourceOptions): Promise<CodeSource> {
  const functions = options.modules.flatMap((module) => boundFunctions(module.contract));
  const { home } = options;
  if (options.zips) {
    const zips = unpackZips(path.join(home, 'dist'), (template) => template.replaceAll('{stage}', options.stage));
    try {
      // Every function the contracts bind must be packaged (a dist/ older than a contract fails here, not on first use).
      for (const fn of functions) zips.code(fn.functionName);
    } catch (error) {
      zips.dispose();
      throw error;
    }
    return { code: zips.code, startedFrom: 'the packaged zips in dist/', dispose: async () => zips.dispose() };
  }
  // Each module built from its own folder, its task roots in a cache of its own (the project's own where they always were).
  const lives = await Promise.all(
    options.modules.map((module) =>
      startLiveFunctionCode({
        projectRoot: module.root,
        functions: boundFunctions(module.contract),
        cacheDir:
          module.root === path.resolve(home)
            ? path.join(home, '.emulator', 'functions')
            : path.join(home, '.emulator', 'modules', module.name, 'functions'),
        watch: true,
        log: options.log,
        onChange: options.onChange,
      }),
    ),
  );
  const owner = new Map(
    options.modules.flatMap((module, index) => boundFunctions(module.contract).map((fn) => [fn.functionName, lives[index]!] as const)),
  );
  return {
    code: (functionName) => {
      const live = owner.get(functionName);
      if (!live) throw new Error(`no function ${functionName}`);
      return live.code(functionName);
    },
    startedFrom: lives.every((live) => live.startedFrom === 'cache') ? 'bundles reused (sources unchanged)' : 'bundles built now',
    dispose: async () => {
      await Promise.all(lives.map((live) => live.dispose()));
    },
  };
}
