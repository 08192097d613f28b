// The environment variables of one execution environment, as Lambda defines
// them (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
// Reserved names are Lambda's to set and win over the function's own; the
// host's environment never leaks in. Pure.
import path from 'node:path';
import { executionEnv } from '../../contract-core/lambda-runtimes.ts';
import type { FunctionSpec } from './invocation.ts';

export interface EnvironmentFacts {
  fn: FunctionSpec;
  /** The function's configured variables plus the SDK's (region, credentials, endpoints). */
  configured: Record<string, string>;
  taskRoot: string;
  runtimeDir: string;
  logStreamName: string;
  /** Directory of the node binary that runs the environment (Lambda's is /var/lang/bin). */
  nodeBinDir: string;
}

// Lambda's PATH for Node.js runtimes, after the directory of the node that runs here.
const LAMBDA_PATH = ['/usr/local/bin', '/usr/bin/', '/bin', '/opt/bin'];

export function functionVariables(facts: EnvironmentFacts): Record<string, string> {
  const { fn, configured } = facts;
  return {
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: [facts.nodeBinDir, ...LAMBDA_PATH].join(path.delimiter),
    ...configured,
    _HANDLER: fn.handler,
    AWS_EXECUTION_ENV: executionEnv(fn.runtime),
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: facts.logStreamName,
    LAMBDA_TASK_ROOT: facts.taskRoot,
    LAMBDA_RUNTIME_DIR: facts.runtimeDir,
  };
}
