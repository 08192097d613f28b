// A bucket as the console sees it: every object (under a prefix), an
// object's bytes, and emptying it for a reset.
import type { Readable } from 'node:stream';
import { DeleteObjectsCommand, GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { BucketObject } from './console-data-types.ts';

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
    for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, ...(prefix ? { Prefix: prefix } : {}) })) {
      for (const entry of page.Contents ?? []) {
        if (entry.Key === undefined) continue;
        objects.push({ key: entry.Key, size: entry.Size ?? 0, lastModified: (entry.LastModified ?? new Date(0)).toISOString() });
      }
    }
    return objects;
  }

  return {
    list,

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
