// The environment variables of one execution environment, as Lambda defines
// them (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
// Reserved names are Lambda's to set and win over the function's own; the
// host's environment never leaks in. AWS_LAMBDA_RUNTIME_API is not set:
// invocations reach an environment on an IPC channel, not through the Runtime
// API, and a library that sees the variable (a runtime interface client, an
// extension) would poll an endpoint that is not there. Pure.
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

/**
 * Where modules are found when the function sets no NODE_PATH, as the nodejs
 * runtimes' bootstrap sets it: /opt/nodejs/node<major>/node_modules,
 * /opt/nodejs/node_modules, /var/runtime/node_modules, /var/runtime, /var/task.
 * The /opt entries are layers', and the emulator serves no layers: on this
 * machine they would name whatever happens to be in /opt.
 */
const nodePath = (facts: EnvironmentFacts): string =>
  [path.join(facts.runtimeDir, 'node_modules'), facts.runtimeDir, facts.taskRoot].join(path.delimiter);

/**
 * Lambda's LD_LIBRARY_PATH (/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib),
 * with node's own lib folder for /var/lang/lib, and no /opt/lib (layers, as above).
 */
const libraryPath = (facts: EnvironmentFacts): string =>
  [
    path.join(path.dirname(facts.nodeBinDir), 'lib'),
    '/lib64',
    '/usr/lib64',
    facts.runtimeDir,
    path.join(facts.runtimeDir, 'lib'),
    facts.taskRoot,
    path.join(facts.taskRoot, 'lib'),
  ].join(path.delimiter);

export function functionVariables(facts: EnvironmentFacts): Record<string, string> {
  const { fn, configured } = facts;
  return {
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: [facts.nodeBinDir, ...LAMBDA_PATH].join(path.delimiter),
    LD_LIBRARY_PATH: libraryPath(facts),
    NODE_PATH: nodePath(facts),
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
