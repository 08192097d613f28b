// Creates the evidence bucket from infra/evidence-bucket.json, the same data
// Terraform reads, with its CORS rules. Idempotent.
import { readFileSync } from 'node:fs';
import { CreateBucketCommand, HeadBucketCommand, NotFound, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import type { CORSRule } from '@aws-sdk/client-s3';
import { localClientConfig } from '../local-aws.ts';
import type { S3Credentials } from './emulator-signer.ts';

const BUCKET_DEFINITION_URL = new URL('../../infra/evidence-bucket.json', import.meta.url);

export interface EvidenceBucketDefinition {
  BucketName: string;
  CORSRules: CORSRule[];
}

export function readEvidenceBucketDefinition(stage: string): EvidenceBucketDefinition {
  const definition = JSON.parse(readFileSync(BUCKET_DEFINITION_URL, 'utf8')) as EvidenceBucketDefinition;
  return { ...definition, BucketName: definition.BucketName.replaceAll('{stage}', stage) };
}

async function bucketExists(client: S3Client, bucket: string): Promise<boolean> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (error instanceof NotFound) return false;
    throw error;
  }
}

export async function createEvidenceBucket(options: {
  endpoint: string;
  stage: string;
  /** The key the S3 front takes; the well-known local one by default. */
  credentials?: S3Credentials;
}): Promise<{ bucketName: string }> {
  const { BucketName, CORSRules } = readEvidenceBucketDefinition(options.stage);
  const config = localClientConfig(options.endpoint);
  const client = new S3Client(options.credentials ? { ...config, credentials: { ...options.credentials } } : config);
  try {
    // Asked first: s3rver answers a second CreateBucket with BucketAlreadyExists.
    if (!(await bucketExists(client, BucketName))) await client.send(new CreateBucketCommand({ Bucket: BucketName }));
    await client.send(new PutBucketCorsCommand({ Bucket: BucketName, CORSConfiguration: { CORSRules } }));
    return { bucketName: BucketName };
  } finally {
    client.destroy();
  }
}
