// A module: a folder with an `openapi.yaml` (its `x-lambda.handler` paths
// relative to that folder), the table and bucket definitions its
// `x-lambda-environment` names, optionally its API's CORS
// (`infra/api-cors.json`) and what it brings to the local emulator
// (`local/module-plugin.ts`: seed data, console views). The build and the
// emulator both read modules through here.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ContractError } from './contract-errors.ts';
import { type Contract, type ContractOptions, loadContract } from './load-contract.ts';

const CONTRACT_FILE = 'openapi.yaml';
const CORS_FILE = path.join('infra', 'api-cors.json');
const PLUGIN_FILE = path.join('local', 'module-plugin.ts');

/** A table or bucket definition file, its name for this stage filled in. */
export interface ResourceDefinition {
  file: string;
  name: string;
  definition: Record<string, unknown>;
}

export interface Module {
  /** Short name, from the folder (the console and the banner use it; unique among modules served together). */
  name: string;
  root: string;
  contractFile: string;
  contract: Contract;
  tables: ResourceDefinition[];
  buckets: ResourceDefinition[];
  corsFile?: string;
  pluginFile?: string;
}

export type ModuleOptions = Omit<ContractOptions, 'projectRoot'>;

export function loadModule(folder: string, options: ModuleOptions): Module {
  const root = path.resolve(folder);
  const contractFile = path.join(root, CONTRACT_FILE);
  if (!existsSync(contractFile)) throw new ContractError('CONTRACT_ERR_MODULE', root, `no ${CONTRACT_FILE} in the module's folder`);
  let contract: Contract;
  try {
    contract = loadContract(contractFile, { ...options, projectRoot: root });
  } catch (error) {
    // Several modules may be served: say whose contract it is.
    if (error instanceof ContractError) error.message = `${error.message} in ${contractFile}`;
    throw error;
  }
  const definitions = (kind: 'table' | 'bucket', nameKey: string): ResourceDefinition[] => {
    const files = new Set(
      contract.environment.flatMap(({ source }) => (kind in source ? [(source as Record<string, string>)[kind]!] : [])),
    );
    return [...files].map((file) => readDefinition(file, nameKey, options.stage));
  };
  const buckets = definitions('bucket', 'BucketName');
  // A stage's bucket notification belongs to one bucket: the module's only one.
  if (contract.notifications.length > 0 && buckets.length !== 1) {
    throw new ContractError(
      'CONTRACT_ERR_S3_NOTIFICATION',
      contractFile,
      `the notifications need exactly one bucket in x-lambda-environment to be on; it names ${buckets.length}`,
    );
  }
  const corsFile = path.join(root, CORS_FILE);
  const pluginFile = path.join(root, PLUGIN_FILE);
  return {
    name: moduleName(root, contract.title),
    root,
    contractFile,
    contract,
    tables: definitions('table', 'TableName'),
    buckets,
    ...(existsSync(corsFile) ? { corsFile } : {}),
    ...(existsSync(pluginFile) ? { pluginFile } : {}),
  };
}

function readDefinition(file: string, nameKey: string, stage: string): ResourceDefinition {
  let definition: unknown;
  try {
    definition = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContractError('CONTRACT_ERR_ENVIRONMENT', file, (error as Error).message);
  }
  const name = (definition as Record<string, unknown> | null)?.[nameKey];
  if (typeof name !== 'string' || name === '') throw new ContractError('CONTRACT_ERR_ENVIRONMENT', file, `no ${nameKey}`);
  return { file, name: name.replaceAll('{stage}', stage), definition: definition as Record<string, unknown> };
}

/** The contract's title as a slug ("Disputes API" → disputes-api); the folder's name without one. */
function moduleName(root: string, title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || path.basename(root);
}
