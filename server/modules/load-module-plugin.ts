// Loads a module's `local/module-plugin.ts` by its path (the engine knows no
// module's code by name); a module without one brings nothing but its contract.
import { pathToFileURL } from 'node:url';
import type { Module } from '../../contract-core/load-module.ts';
import type { ModulePlugin } from './module-plugin.ts';

export async function loadModulePlugin(module: Pick<Module, 'pluginFile'>): Promise<ModulePlugin> {
  if (!module.pluginFile) return {};
  const loaded = (await import(pathToFileURL(module.pluginFile).href)) as { default?: unknown };
  const plugin = loaded.default;
  if (typeof plugin !== 'object' || plugin === null) {
    throw new Error(`${module.pluginFile}: its default export must be the module's plugin (defineModulePlugin({...}))`);
  }
  return plugin as ModulePlugin;
}
