// One function binding of the contract: name, handler, zip, memory, timeout
// and runtime, as `x-lambda` on an operation and each entry of
// `x-lambda-s3-notifications` write it. Both are read here, so a function
// is held to the same rules whatever invokes it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ContractError } from './contract-errors.ts';
import { isLambdaRuntime, type LambdaRuntime } from './lambda-runtimes.ts';

export interface LambdaBinding {
  functionName: string;
  /** The name as the contract writes it, `{stage}` unfilled (what a deployment fills). */
  functionNameTemplate: string;
  /** Lambda's handler setting, e.g. `handlers/create-dispute.handler`: module path in the task root, then the export. */
  handler: string;
  /** Absolute path of the handler's source module (what the build bundles). */
  handlerFile: string;
  handlerExport: string;
  zip: string;
  memorySize: number;
  timeoutSeconds: number;
  runtime: LambdaRuntime;
}

export interface BindingSettings {
  /** Directory that `handler` paths are relative to. */
  projectRoot: string;
  stage: string;
  /** The document's `x-lambda-runtime`, which a binding may override. */
  defaultRuntime: unknown;
  /**
   * The longest timeout this kind of invocation allows: 30 s behind the HTTP
   * API (its integration timeout), Lambda's own 900 s for an asynchronous one.
   */
  maxTimeoutSeconds: number;
}

/** The keys a binding reads; anything else in the same mapping belongs to its caller. */
export const BINDING_KEYS = ['function', 'handler', 'zip', 'memory', 'timeout', 'runtime'] as const;

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const HANDLER = /^([A-Za-z0-9_./-]+)\.([A-Za-z_$][A-Za-z0-9_$]*)$/;
const ZIP_NAME = /^[A-Za-z0-9._-]+\.zip$/;
const HANDLER_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/** Reads one binding; `where` names it in errors (a route key, or `x-lambda-s3-notifications[0]`). */
export function readLambdaBinding(where: string, raw: unknown, settings: BindingSettings): LambdaBinding {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ContractError('CONTRACT_ERR_LAMBDA_BINDING', where, 'x-lambda is missing');
  }
  const { function: fn, handler, zip, memory, timeout } = raw as Record<string, unknown>;
  const runtime = (raw as Record<string, unknown>)['runtime'] ?? settings.defaultRuntime;
  if (!isLambdaRuntime(runtime)) throw new ContractError('CONTRACT_ERR_RUNTIME', where, String(runtime));
  if (typeof fn !== 'string' || typeof handler !== 'string' || typeof zip !== 'string') {
    throw new ContractError('CONTRACT_ERR_LAMBDA_BINDING', where, 'function, handler and zip are required strings');
  }
  if (!ZIP_NAME.test(zip)) throw new ContractError('CONTRACT_ERR_LAMBDA_BINDING', where, `zip ${zip}: a file name ending in .zip`);
  const functionName = fn.replaceAll('{stage}', settings.stage);
  if (!FUNCTION_NAME.test(functionName)) throw new ContractError('CONTRACT_ERR_FUNCTION_NAME', where, functionName);
  if (!Number.isInteger(memory) || (memory as number) < 128 || (memory as number) > 10240) {
    throw new ContractError('CONTRACT_ERR_MEMORY', where, String(memory));
  }
  if (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > settings.maxTimeoutSeconds) {
    throw new ContractError('CONTRACT_ERR_TIMEOUT', where, `${String(timeout)} (at most ${settings.maxTimeoutSeconds} here)`);
  }
  const match = HANDLER.exec(handler);
  if (!match?.[1] || !match[2] || match[1].split('/').includes('..')) {
    throw new ContractError('CONTRACT_ERR_LAMBDA_BINDING', where, `handler ${handler}`);
  }
  const base = path.resolve(settings.projectRoot, match[1]);
  const handlerFile = HANDLER_EXTENSIONS.map((ext) => base + ext).find((file) => existsSync(file));
  if (!handlerFile) throw new ContractError('CONTRACT_ERR_HANDLER_MISSING', where, `${match[1]}.ts`);
  return {
    functionName,
    functionNameTemplate: fn,
    handler,
    handlerFile,
    handlerExport: match[2],
    zip,
    memorySize: memory as number,
    timeoutSeconds: timeout as number,
    runtime,
  };
}
