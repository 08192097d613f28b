// The evidence bucket as the object stores use it: its name and one S3 client,
// made once per execution environment at cold start. Without a client given,
// the SDK's standard environment configures it (AWS_REGION, credentials,
// AWS_ENDPOINT_URL_S3).
import { S3Client } from '@aws-sdk/client-s3';

export interface Bucket {
  readonly name: string;
  readonly s3: S3Client;
}

export function openBucket(name: string, s3: S3Client = new S3Client({})): Bucket {
  return { name, s3 };
}
