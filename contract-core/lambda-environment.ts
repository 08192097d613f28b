// The settings every function of a contract gets, as `x-lambda-environment`
// writes them: each variable is a table or a bucket of the module (its
// definition file under the module's folder, which Terraform reads too), a
// secret (generated once per install, like an SSM SecureString a stage keeps),
// or a fixed value. The deployment and the emulator fill them in from the
// same lines, so a function's settings are never listed twice.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ContractError } from './contract-errors.ts';

export type EnvironmentSource = { table: string } | { bucket: string } | { secret: string } | { value: string };

export interface EnvironmentVariable {
  name: string;
  /** Files are absolute paths (the contract writes them relative to the module's folder). */
  source: EnvironmentSource;
}

const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const SECRET_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
// Lambda sets these itself; a function may not (its "reserved environment variables").
const RESERVED = /^(AWS_|LAMBDA_|_HANDLER$|_X_AMZN_TRACE_ID$|TZ$)/;

export function readLambdaEnvironment(raw: unknown, moduleRoot: string): EnvironmentVariable[] {
  const where = 'x-lambda-environment';
  if (raw === undefined) return [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ContractError('CONTRACT_ERR_ENVIRONMENT', where, 'a mapping of variable names');
  }
  return Object.entries(raw as Record<string, unknown>).map(([name, value]) => {
    const at = `${where}.${name}`;
    if (!VARIABLE_NAME.test(name) || RESERVED.test(name))
      throw new ContractError('CONTRACT_ERR_ENVIRONMENT', at, 'not a variable a function may set');
    const entries = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
    const [entry, ...more] = entries;
    if (!entry || more.length > 0 || typeof entry[1] !== 'string') {
      throw new ContractError('CONTRACT_ERR_ENVIRONMENT', at, 'one of {table: file}, {bucket: file}, {secret: name}, {value: text}');
    }
    const [kind, text] = entry as [string, string];
    if (kind === 'table' || kind === 'bucket') {
      const file = path.resolve(moduleRoot, text);
      if (!file.startsWith(moduleRoot + path.sep) || !existsSync(file)) {
        throw new ContractError('CONTRACT_ERR_ENVIRONMENT', at, `${text}: no such definition file in the module's folder`);
      }
      return { name, source: kind === 'table' ? { table: file } : { bucket: file } };
    }
    if (kind === 'secret') {
      if (!SECRET_NAME.test(text)) throw new ContractError('CONTRACT_ERR_ENVIRONMENT', at, `secret name ${text}`);
      return { name, source: { secret: text } };
    }
    if (kind === 'value') return { name, source: { value: text } };
    throw new ContractError('CONTRACT_ERR_ENVIRONMENT', at, `unknown source ${kind}`);
  });
}
