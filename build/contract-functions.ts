// The functions a module's contract binds, as the build sees them: each
// route's `x-lambda` and each `x-lambda-s3-notifications` entry, read by the
// same loader the emulator uses, with what invokes each.
import type { LambdaBinding } from '../contract-core/load-contract.ts';
import { loadModule, type Module } from '../contract-core/load-module.ts';
import { loadModules } from '../contract-core/module-conflicts.ts';
import type { ManifestS3Trigger } from './manifest.ts';

export type ContractFunction = { lambda: LambdaBinding; route: string } | { lambda: LambdaBinding; trigger: ManifestS3Trigger };

/** Names are filled per stage at deploy time; the build keeps the templates. */
const BUILD_OPTIONS = { stage: 'stage', jwtIssuer: '', jwtAudience: '' };

export const loadModuleForBuild = (folder: string): Module => loadModule(folder, BUILD_OPTIONS);

/** The modules of `--module` (this project's without one), checked together. */
export const loadModulesForBuild = (folders: readonly string[]): Module[] => loadModules(folders, BUILD_OPTIONS);

export function contractFunctions(projectRoot: string): ContractFunction[] {
  return moduleFunctions(loadModuleForBuild(projectRoot));
}

export function moduleFunctions({ contract }: Pick<Module, 'contract'>): ContractFunction[] {
  return [
    ...contract.routes.map((route) => ({ lambda: route.lambda, route: route.routeKey })),
    ...contract.notifications.map((notification) => ({
      lambda: notification.lambda,
      trigger: {
        type: 's3' as const,
        id: notification.id,
        events: notification.events,
        filterPrefix: notification.filterPrefix,
        filterSuffix: notification.filterSuffix,
      },
    })),
  ];
}
