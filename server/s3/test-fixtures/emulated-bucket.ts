// For tests: a fresh S3 emulator with the evidence bucket, and an SDK client
// configured as the handlers configure theirs (endpoint only, no
// forcePathStyle); both stopped when the test ends.
import type { TestContext } from 'node:test';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local-aws.ts';
import { createBucket } from '../create-bucket.ts';
import { startS3, type StartS3Options } from '../start-s3.ts';
import { SAMPLE_BUCKET_FILE } from '../../test-fixtures/sample-definitions.ts';

export async function startEmulatedBucket(t: TestContext, stage = 'test', options: StartS3Options = {}) {
  const s3 = await startS3(options);
  const client = new S3Client({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: s3.endpoint });
  t.after(async () => {
    client.destroy();
    await s3.stop();
  });
  const { bucketName } = await createBucket({ endpoint: s3.endpoint, stage, file: SAMPLE_BUCKET_FILE });
  return { s3, client, bucket: bucketName };
}

export async function objectExists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}
