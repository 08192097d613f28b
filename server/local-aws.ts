// AWS settings of the local emulator. The emulators accept any signature, but
// the SDK still needs a region and credentials to sign with; these fixed values
// keep a developer's real credentials out of local traffic.

export const LOCAL_REGION = 'us-east-1';

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
