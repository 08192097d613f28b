// `npm run -s credentials`: the emulator's S3 key, as environment variables an
// AWS SDK or CLI reads (`eval "$(npm run -s credentials)"`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultKeyDir } from './auth/local-issuer.ts';
import { LOCAL_REGION } from './local-aws.ts';
import { loadOrCreateS3Credentials } from './s3/emulator-credentials.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keyDir = path.resolve(process.env['EMULATOR_KEY_DIR'] ?? defaultKeyDir(projectRoot));
const credentials = loadOrCreateS3Credentials(keyDir);
process.stdout.write(
  `export AWS_ACCESS_KEY_ID=${credentials.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}\nexport AWS_REGION=${LOCAL_REGION}\n`,
);
