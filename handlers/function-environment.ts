// The environment variables every disputes function reads, besides the AWS
// SDK's standard ones (AWS_REGION, credentials, AWS_ENDPOINT_URL_DYNAMODB,
// AWS_ENDPOINT_URL_S3). Terraform and the local emulator both set exactly these.
export const FUNCTION_ENVIRONMENT_NAMES = ['TABLE_NAME', 'EVIDENCE_BUCKET', 'CURSOR_SECRET'] as const;

// Optional settings, for a real identity provider: which claims carry the
// numeric user id (USER_ID_CLAIM, default `sub`) and the role (ROLE_CLAIMS,
// comma-separated, default `role,custom:role,cognito:groups`); see
// http/caller-claims.ts.

export type FunctionEnvironmentName = (typeof FUNCTION_ENVIRONMENT_NAMES)[number];
export type FunctionEnvironment = Record<FunctionEnvironmentName, string>;

/** Reads the function's settings once, at cold start; a missing one is a deployment error. */
export function readFunctionEnvironment(env: NodeJS.ProcessEnv = process.env): FunctionEnvironment {
  const missing = FUNCTION_ENVIRONMENT_NAMES.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`Missing environment variables: ${missing.join(', ')}`);
  return Object.fromEntries(FUNCTION_ENVIRONMENT_NAMES.map((name) => [name, env[name] as string])) as FunctionEnvironment;
}
