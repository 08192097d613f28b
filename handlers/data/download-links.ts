// Short-lived download URLs for served evidence files: signing only, no
// request to S3, so a reading function needs nothing but s3:GetObject.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Bucket } from './bucket.ts';

export const DOWNLOAD_EXPIRY_SECONDS = 15 * 60;

export type DownloadLinks = ReturnType<typeof createDownloadLinks>;

export function createDownloadLinks({ s3, name: bucket }: Bucket) {
  return {
    sign: (key: string): Promise<string> =>
      getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: DOWNLOAD_EXPIRY_SECONDS }),
  };
}
