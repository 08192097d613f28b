// The record of an S3 event notification, version 2.1 of the event message
// structure (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html),
// as Lambda receives it in `event.Records`. Pure: the time, ids and sequencer
// come in with the object.
import type { S3EventRecord } from 'aws-lambda';
import type { ObjectCreated } from './object-created.ts';

export interface RecordSettings {
  region: string;
  /** The notification configuration's Id. */
  configurationId: string;
  /** Who made the request (`userIdentity.principalId`). */
  requesterId: string;
  /** The bucket owner (`bucket.ownerIdentity.principalId`). */
  ownerId: string;
  /** This write's place in the key's sequence (see createSequencer). */
  sequencer: string;
}

/**
 * "The object key name value is URL encoded. For example, "red flower.jpg"
 * becomes "red+flower.jpg" (Amazon S3 returns "application/x-www-form-urlencoded"
 * as the content type in the response)" (the event message structure page
 * above): the HTML-form encoding, UTF-8 percent-escapes with a space as `+`,
 * which keeps only letters, digits and `*-._` (so `(` is `%28`, as S3's URL
 * encoding of keys writes it:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html#AmazonS3-ListObjectsV2-request-EncodingType).
 * The `/` between key segments stays as it is, as S3 sends it
 * (https://github.com/minio/minio/issues/11665; LocalStack's snapshot of an
 * event recorded on AWS has `"key": "testupload/dir1/testfile.txt"`, and `@` as `%40`).
 */
export function encodeEventKey(key: string): string {
  return key
    .split('/')
    .map((segment) => new URLSearchParams([['', segment]]).toString().slice(1))
    .join('/');
}

/**
 * Sequencers as S3 writes them, e.g. `0062E99A88DC407460`: 18 upper-case hex
 * digits, the write's epoch second, then a count within it. Each call gives a
 * larger value than the last, so the writes of one key are in order (S3 only
 * promises order per key; comparing two is comparing the hex strings).
 */
export function createSequencer(): (time: Date) => string {
  let last = 0n;
  return (time) => {
    const second = BigInt(Math.max(0, Math.floor(time.getTime() / 1000))) << 32n;
    last = second > last ? second : last + 1n;
    return last.toString(16).toUpperCase().padStart(18, '0');
  };
}

export function s3EventRecord(created: ObjectCreated, settings: RecordSettings): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: settings.region,
    eventTime: created.time.toISOString(),
    eventName: `ObjectCreated:${created.way}`,
    userIdentity: { principalId: settings.requesterId },
    requestParameters: { sourceIPAddress: created.sourceIp },
    responseElements: { 'x-amz-request-id': created.requestId, 'x-amz-id-2': created.hostId },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: settings.configurationId,
      bucket: { name: created.bucket, ownerIdentity: { principalId: settings.ownerId }, arn: `arn:aws:s3:::${created.bucket}` },
      object: {
        key: encodeEventKey(created.key),
        size: created.size,
        eTag: created.eTag,
        // "object version if bucket is versioning-enabled": absent otherwise.
        ...(created.versionId !== undefined ? { versionId: created.versionId } : {}),
        sequencer: settings.sequencer,
      },
    },
  };
}
