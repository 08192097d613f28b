// Short-lived download URLs for served evidence files: signing only, no
// request to S3, so a reading function needs nothing but s3:GetObject. S3
// serves the file as the URL says: as an attachment under its shown name, with
// the content type it was checked to have (never rendered inline).
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { attachmentDisposition } from '../domain/evidence-file-name.ts';
import type { Bucket } from './bucket.ts';

export const DOWNLOAD_EXPIRY_SECONDS = 15 * 60;

export type DownloadLinks = ReturnType<typeof createDownloadLinks>;

export function createDownloadLinks({ s3, name: bucket }: Bucket) {
  return {
    sign: (file: { s3_key: string; file_name: string; content_type: string }): Promise<string> =>
      getSignedUrl(
        s3,
        new GetObjectCommand({
          Bucket: bucket,
          Key: file.s3_key,
          ResponseContentDisposition: attachmentDisposition(file.file_name),
          ResponseContentType: file.content_type,
        }),
        { expiresIn: DOWNLOAD_EXPIRY_SECONDS },
      ),
  };
}
