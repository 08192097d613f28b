// Creates a module's bucket from its definition file (`BucketName`,
// `CORSRules`: the data Terraform reads too), with its CORS rules. Idempotent.
import { readFileSync } from 'node:fs';
import { CreateBucketCommand, HeadBucketCommand, NotFound, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import type { CORSRule } from '@aws-sdk/client-s3';
import { localClientConfig } from '../local-aws.ts';
import type { S3Credentials } from './emulator-signer.ts';

export interface BucketDefinition {
  BucketName: string;
  CORSRules?: CORSRule[];
}

export function readBucketDefinition(file: string, stage: string): BucketDefinition {
  const definition = JSON.parse(readFileSync(file, 'utf8')) as BucketDefinition;
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

export async function createBucket(options: {
  endpoint: string;
  stage: string;
  file: string;
  /** The key the S3 front takes; the well-known local one by default. */
  credentials?: S3Credentials;
}): Promise<{ bucketName: string }> {
  const { BucketName, CORSRules } = readBucketDefinition(options.file, options.stage);
  const config = localClientConfig(options.endpoint);
  const client = new S3Client(options.credentials ? { ...config, credentials: { ...options.credentials } } : config);
  try {
    // Asked first: s3rver answers a second CreateBucket with BucketAlreadyExists.
    if (!(await bucketExists(client, BucketName))) await client.send(new CreateBucketCommand({ Bucket: BucketName }));
    if (CORSRules) await client.send(new PutBucketCorsCommand({ Bucket: BucketName, CORSConfiguration: { CORSRules } }));
    return { bucketName: BucketName };
  } finally {
    client.destroy();
  }
}
