// The Node.js Lambda runtimes a contract may declare, and what each implies:
// the Node major the build targets and the AWS_EXECUTION_ENV Lambda sets
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
export const LAMBDA_RUNTIMES = {
  'nodejs20.x': { nodeMajor: 20 },
  'nodejs22.x': { nodeMajor: 22 },
  'nodejs24.x': { nodeMajor: 24 },
} as const;

export type LambdaRuntime = keyof typeof LAMBDA_RUNTIMES;

export function isLambdaRuntime(value: unknown): value is LambdaRuntime {
  return typeof value === 'string' && Object.hasOwn(LAMBDA_RUNTIMES, value);
}

/** esbuild's target for code that runs on this runtime, e.g. `node22`. */
export const buildTarget = (runtime: LambdaRuntime): string => `node${LAMBDA_RUNTIMES[runtime].nodeMajor}`;

export const executionEnv = (runtime: LambdaRuntime): string => `AWS_Lambda_${runtime}`;
