// AWS settings of the local emulator: region, account, session token, and the
// well-known credential its in-process tools and tests sign with. The S3
// emulator verifies SigV4 signatures (header, presigned URL, POST policy)
// against one credential and this region, and a session token, where one is
// sent, against LOCAL_SESSION_TOKEN: LOCAL_CREDENTIALS in tests, the install's
// own random key under `npm start` (s3/emulator-credentials.ts). The DynamoDB
// emulator (dynalite) checks only that a request is signed. Neither ever sees
// a developer's real credentials.

export const LOCAL_REGION = 'us-east-1';

/** The account the emulated API and functions belong to (in ARNs and the event's requestContext). */
export const LOCAL_ACCOUNT_ID = '123456789012';

export const LOCAL_CREDENTIALS = {
  accessKeyId: 'local',
  secretAccessKey: 'local',
} as const;

/** The session token the functions' SDK sends, as with a Lambda role's temporary credentials. */
export const LOCAL_SESSION_TOKEN = 'local-session-token';

export const DEFAULT_STAGE = 'local';

/** Client settings every SDK client of the emulator starts from. */
export function localClientConfig(endpoint: string): {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  endpoint: string;
} {
  return { region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS }, endpoint };
}
