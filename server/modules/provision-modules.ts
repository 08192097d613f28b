// Every served module made ready to run: its tables, buckets and secrets
// (module-resources.ts), then its seed, side by side. What each module got is
// what its functions' settings, its notifications and its console view use.
import type { CreatedResources, ResourceSettings } from './module-resources.ts';
import { createModuleResources } from './module-resources.ts';
import type { ModuleResources } from './module-plugin.ts';
import type { ServedModule } from './served-modules.ts';

export interface ProvisionedModule {
  module: ServedModule;
  made: CreatedResources;
  /** What the module's plugin is handed (seed, console view). */
  resources: ModuleResources;
}

export async function provisionModules(
  modules: readonly ServedModule[],
  settings: ResourceSettings,
  clients: Pick<ModuleResources, 'dynamodb' | 's3'>,
): Promise<ProvisionedModule[]> {
  return Promise.all(
    modules.map(async (module) => {
      const made = await createModuleResources(module, settings);
      const resources: ModuleResources = { tables: made.tables, buckets: made.buckets, ...clients };
      await module.plugin.seed?.(resources);
      return { module, made, resources };
    }),
  );
}

/** Every module's seed written again, one module after the other (after the console's reset). */
export async function seedAgain(provisioned: readonly ProvisionedModule[]): Promise<void> {
  for (const { module, resources } of provisioned) await module.plugin.seed?.(resources);
}
