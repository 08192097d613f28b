// The environment variables each function gets in the emulator: what Lambda
// and a role's credentials give every function (region, temporary
// credentials), where the SDK finds the emulated services, what the bundles
// need, the claim names when configured, and its module's own settings
// (`x-lambda-environment`).
import { BUNDLE_NODE_OPTIONS } from '../../build/function-bundles.ts';
import { isWildcardHost } from '../lan-address.ts';
import { LOCAL_REGION, LOCAL_SESSION_TOKEN } from '../local-aws.ts';
import type { S3Credentials } from '../s3/emulator-signer.ts';

export interface FunctionSettingsInput {
  s3Credentials: S3Credentials;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  /** Where other devices reach this machine: presigned URLs name it. */
  publicHost: string;
  claimNames: { userId?: string; roles?: string };
  /** Each function's module settings, by function name. */
  moduleSettings: ReadonlyMap<string, Record<string, string>>;
}

export function functionSettings(input: FunctionSettingsInput): (fn: { functionName: string }) => Record<string, string> {
  const common = {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: input.s3Credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: input.s3Credentials.secretAccessKey,
    // Lambda's credentials are a role's temporary ones, so the SDK sends a session token.
    AWS_SESSION_TOKEN: LOCAL_SESSION_TOKEN,
    AWS_ENDPOINT_URL_DYNAMODB: input.dynamodbEndpoint,
    AWS_ENDPOINT_URL_S3: advertised(input.s3Endpoint, input.publicHost),
    // What the bundles need (source maps for stack traces), as a deployment sets it.
    NODE_OPTIONS: BUNDLE_NODE_OPTIONS,
    // The SDK's warning about an older host Node is replaced by the emulator's own line at start-up.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...(input.claimNames.userId ? { USER_ID_CLAIM: input.claimNames.userId } : {}),
    ...(input.claimNames.roles ? { ROLE_CLAIMS: input.claimNames.roles } : {}),
  };
  return (fn) => ({ ...common, ...input.moduleSettings.get(fn.functionName) });
}

/** The endpoint with the host others reach it at (a wildcard bind address is not one). */
function advertised(endpoint: string, publicHost: string): string {
  const url = new URL(endpoint);
  if (isWildcardHost(url.hostname.replace(/^\[|\]$/g, ''))) url.hostname = publicHost;
  return url.origin;
}
