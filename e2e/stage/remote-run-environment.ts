// The environment of a run of the suite in remote mode against the emulator
// as a stage, as QA would set it for a deployed one: the target, a command
// that prints each identity's token (here the emulator's own issuer), the
// table the run writes its projects into through the AWS SDK, and where its
// reports go. Used by the remote contract runs and the parity check.
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../server/local-aws.ts';

export interface RemoteRun {
  baseUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  reportDir: string;
}

export function remoteRunEnvironment(run: RemoteRun, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...env,
    E2E_BASE_URL: run.baseUrl,
    // Any shell command that prints a token for E2E_USER_ID / E2E_USER_ROLE; here the emulator's issuer.
    E2E_TOKEN_COMMAND: 'node --import tsx server/token-cli.ts --user "$E2E_USER_ID" --role "$E2E_USER_ROLE"',
    E2E_TABLE: run.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: run.dynamodbEndpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_REGION,
    E2E_REPORT_DIR: run.reportDir,
  };
}
