// Modules served on one origin (or packaged into one dist/) must not claim the
// same thing twice: a route (by its shape, as API Gateway matches it), a
// function name, a zip, a table, a bucket, or a module name. The first clash
// stops start-up with one line naming both files.
import path from 'node:path';
import { ContractError } from './contract-errors.ts';
import { loadModule, type Module, type ModuleOptions } from './load-module.ts';

/** The modules in these folders, read and checked together; a folder named twice (`.` and `./`) is one module. */
export function loadModules(folders: readonly string[], options: ModuleOptions): Module[] {
  const modules = [...new Set(folders.map((folder) => path.resolve(folder)))].map((folder) => loadModule(folder, options));
  checkModuleConflicts(modules);
  return modules;
}

export function checkModuleConflicts(modules: readonly Module[]): void {
  const claimed = new Map<string, string>();
  const claim = (what: string, file: string): void => {
    const earlier = claimed.get(what);
    if (earlier !== undefined && earlier !== file) {
      throw new ContractError('CONTRACT_ERR_MODULE', `${what} is claimed by ${earlier} and by ${file}`);
    }
    claimed.set(what, file);
  };
  for (const module of modules) {
    const file = module.contractFile;
    claim(`module name ${module.name}`, file);
    for (const route of module.contract.routes) {
      // `/a/{id}` and `/a/{key}` are one route to API Gateway.
      claim(`route ${route.method} ${route.openapiPath.replace(/\{[^}/]+\}/g, '{}')}`, file);
    }
    for (const lambda of [...module.contract.routes.map((r) => r.lambda), ...module.contract.notifications.map((n) => n.lambda)]) {
      claim(`function ${lambda.functionName}`, file);
      claim(`zip ${lambda.zip}`, file);
    }
    for (const table of module.tables) claim(`table ${table.name}`, table.file);
    for (const bucket of module.buckets) claim(`bucket ${bucket.name}`, bucket.file);
  }
}
