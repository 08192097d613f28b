// The install's own S3 key: made once at random and kept beside the JWT keys,
// so that in LAN mode nobody on the network can sign requests with a key they
// could read in this repository. The functions get it by environment, as
// Lambda gives them their role's credentials; `npm run -s credentials` prints
// it for SDK users.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readOrCreateFile } from '../auth/create-file-once.ts';
import type { S3Credentials } from './emulator-signer.ts';

const FILE = 's3-credentials.json';

/** AWS-shaped: a 20-character upper-case access key id and a 40-character secret. */
function newCredentials(): S3Credentials {
  const id = randomBytes(16).toString('hex').toUpperCase().slice(0, 16);
  return { accessKeyId: `LKIA${id}`, secretAccessKey: randomBytes(30).toString('base64url') };
}

export function loadOrCreateS3Credentials(keyDir: string): S3Credentials {
  const text = readOrCreateFile(path.join(keyDir, FILE), () => `${JSON.stringify(newCredentials())}\n`);
  const parsed = JSON.parse(text) as Partial<S3Credentials>;
  if (typeof parsed.accessKeyId !== 'string' || typeof parsed.secretAccessKey !== 'string') {
    throw new Error(`${path.join(keyDir, FILE)} holds no access key; delete it to make a new one`);
  }
  return { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey };
}
