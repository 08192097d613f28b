// A bucket as the console sees it: every object (under a prefix),
// what a key holds, an object's bytes, and emptying it for a reset.
import type { Readable } from 'node:stream';
import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { BucketObject, StoredObjectState } from './console-data-types.ts';

/** DeleteObjects takes at most this many keys per request. */
const DELETE_BATCH = 1000;

export interface OpenedObject {
  body: Readable;
  contentType: string | null;
  size: number | null;
}

export type BucketContents = ReturnType<typeof createBucketContents>;

/** Whether an S3 call failed because the object is not there (HeadObject's bare 404 NotFound, GetObject's NoSuchKey). */
function isMissing(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey' || status === 404);
}

export function createBucketContents(s3: S3Client, bucket: string) {
  async function list(prefix?: string): Promise<BucketObject[]> {
    const objects: BucketObject[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token, ...(prefix ? { Prefix: prefix } : {}) }),
      );
      for (const entry of page.Contents ?? []) {
        if (entry.Key === undefined) continue;
        objects.push({ key: entry.Key, size: entry.Size ?? 0, lastModified: (entry.LastModified ?? new Date(0)).toISOString() });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  return {
    name: bucket,
    list,

    /** What the key holds, or null when there is no object. */
    async state(key: string): Promise<StoredObjectState | null> {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return { key, size: head.ContentLength ?? 0, contentType: head.ContentType ?? null };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    /** The object's bytes as a stream, or null when there is no object. */
    async open(key: string): Promise<OpenedObject | null> {
      try {
        const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return { body: got.Body as Readable, contentType: got.ContentType ?? null, size: got.ContentLength ?? null };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    /** Deletes every object; how many there were. */
    async deleteAll(): Promise<number> {
      const keys = (await list()).map((object) => object.key);
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        const batch = keys.slice(start, start + DELETE_BATCH);
        const result = await s3.send(
          new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        );
        const failed = result.Errors ?? [];
        if (failed.length > 0) throw new Error(`could not delete ${failed.length} objects, e.g. ${failed[0]?.Key}: ${failed[0]?.Message}`);
      }
      return keys.length;
    },
  };
}
