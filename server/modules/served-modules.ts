// The modules an emulator serves, read and checked together: each folder's
// contract and definitions (contract core), no route, function, zip, table or
// bucket claimed twice, and each one's plugin loaded.
import type { Module, ModuleOptions } from '../../contract-core/load-module.ts';
import { loadModules } from '../../contract-core/module-conflicts.ts';
import { loadModulePlugin } from './load-module-plugin.ts';
import type { LocalUser, ModulePlugin } from './module-plugin.ts';

export interface ServedModule extends Module {
  plugin: ModulePlugin;
}

export async function loadServedModules(folders: readonly string[], options: ModuleOptions): Promise<ServedModule[]> {
  const modules = loadModules(folders, options);
  return Promise.all(modules.map(async (module) => ({ ...module, plugin: await loadModulePlugin(module) })));
}

/** Those of them offered in the pickers (docs, console) and the banner; a token for any of the rest is one `npm run token` away. */
export const listedUsers = (users: readonly LocalUser[]): LocalUser[] => users.filter((user) => user.listed !== false);

/** Everyone the modules' plugins name, each id once (the first module's wins). */
export function localUsers(modules: readonly ServedModule[]): LocalUser[] {
  const users = new Map<number, LocalUser>();
  for (const user of modules.flatMap((module) => module.plugin.users ?? [])) if (!users.has(user.id)) users.set(user.id, user);
  return [...users.values()];
}
