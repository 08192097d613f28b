// The evidence bucket: presigned uploads and downloads. One S3 client per
// execution environment, configured by the SDK's standard environment
// (AWS_REGION, credentials, AWS_ENDPOINT_URL_S3).
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { readFunctionEnvironment } from '../function-environment.ts';

const s3 = new S3Client({});

export const UPLOAD_EXPIRY_SECONDS = 10 * 60;
export const DOWNLOAD_EXPIRY_SECONDS = 15 * 60;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const bucket = (): string => readFunctionEnvironment().EVIDENCE_BUCKET;

export interface PresignedUpload {
  method: 'POST';
  url: string;
  fields: Record<string, string>;
  expires_at: string;
}

/** A POST policy for exactly this key and content type, 1 B to 10 MB. */
export async function presignUpload(key: string, contentType: string, now: Date): Promise<PresignedUpload> {
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: bucket(),
    Key: key,
    Fields: { 'Content-Type': contentType },
    Conditions: [
      ['eq', '$Content-Type', contentType],
      ['content-length-range', 1, MAX_UPLOAD_BYTES],
    ],
    Expires: UPLOAD_EXPIRY_SECONDS,
  });
  return { method: 'POST', url, fields, expires_at: new Date(now.getTime() + UPLOAD_EXPIRY_SECONDS * 1000).toISOString() };
}

export async function presignDownload(key: string): Promise<string> {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket(), Key: key }), { expiresIn: DOWNLOAD_EXPIRY_SECONDS });
}

/** Whether the file has been uploaded. */
export async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey' || status === 404)) return false;
    throw error;
  }
}
