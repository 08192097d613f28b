// The evidence bucket's objects, as the writing functions use them: presigned
// uploads, small uploads put directly, the inspection of an uploaded object that
// confirms it, and the copy of exactly the checked version to the served key.
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { SNIFF_BYTES } from '../domain/content-sniffing.ts';
import { MAX_EVIDENCE_BYTES, UPLOAD_EXPIRY_SECONDS, type UploadInspection } from '../domain/evidence-upload-rules.ts';
import type { Bucket } from './bucket.ts';
import { isMissing, statusOf } from './s3-errors.ts';

export interface PresignedUpload {
  method: 'POST';
  url: string;
  fields: Record<string, string>;
  expires_at: string;
}

export type EvidenceObjects = ReturnType<typeof createEvidenceObjects>;

export function createEvidenceObjects({ s3, name: bucket }: Bucket) {
  /** The object's metadata, or null when there is none. */
  const head = async (key: string): Promise<HeadObjectCommandOutput | null> => {
    try {
      return await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  };

  return {
    /** A POST policy for exactly this key and content type, 1 B to 10 MiB. */
    async presignUpload(key: string, contentType: string, now: Date): Promise<PresignedUpload> {
      const { url, fields } = await createPresignedPost(s3, {
        Bucket: bucket,
        Key: key,
        Fields: { 'Content-Type': contentType },
        Conditions: [
          ['eq', '$Content-Type', contentType],
          ['content-length-range', 1, MAX_EVIDENCE_BYTES],
        ],
        Expires: UPLOAD_EXPIRY_SECONDS,
      });
      return { method: 'POST', url, fields, expires_at: new Date(now.getTime() + UPLOAD_EXPIRY_SECONDS * 1000).toISOString() };
    },

    /** Stores a file that came in the request (already checked). */
    async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, ContentLength: body.byteLength }),
      );
    },

    async delete(key: string): Promise<void> {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },

    /**
     * The object's ETag, real size and first bytes, or that there is none yet.
     * The ranged GET is pinned to the ETag the HEAD saw, so both describe the same
     * version; a 412 means it was replaced in between (its own notification follows).
     */
    async inspect(key: string): Promise<UploadInspection> {
      const found = await head(key);
      if (!found) return { state: 'missing' };
      const etag = found.ETag ?? '';
      const size = found.ContentLength ?? 0;
      if (size < 1 || size > MAX_EVIDENCE_BYTES) return { state: 'found', etag, object: { size, firstBytes: new Uint8Array() } };
      try {
        const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}`, IfMatch: etag }));
        return { state: 'found', etag, object: { size, firstBytes: (await got.Body?.transformToByteArray()) ?? new Uint8Array() } };
      } catch (error) {
        if (isMissing(error)) return { state: 'missing' };
        if (statusOf(error) === 412) return { state: 'replaced' };
        throw error;
      }
    },

    /** The ETag the key holds now, or null when there is no object. */
    async currentEtag(key: string): Promise<string | null> {
      return (await head(key))?.ETag ?? null;
    },

    /**
     * Copies the version of `fromKey` whose ETag is `etag` to `toKey`, and nothing
     * else: `replaced` when `fromKey` now holds other bytes (S3 answers 412),
     * `missing` when it is gone.
     */
    async copyChecked(fromKey: string, toKey: string, etag: string): Promise<'copied' | 'replaced' | 'missing'> {
      try {
        await s3.send(
          new CopyObjectCommand({ Bucket: bucket, Key: toKey, CopySource: copySource(bucket, fromKey), CopySourceIfMatch: etag }),
        );
        return 'copied';
      } catch (error) {
        if (statusOf(error) === 412) return 'replaced';
        if (isMissing(error)) return 'missing';
        throw error;
      }
    },
  };
}

/** `x-amz-copy-source` is `bucket/key`, URL-encoded (keys may hold non-ASCII file names). */
const copySource = (bucketName: string, key: string): string => `${bucketName}/${key.split('/').map(encodeURIComponent).join('/')}`;
