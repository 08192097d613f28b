// An object the front has just stored, as an S3 event notification describes
// it: which way it was created (the event name's `ObjectCreated:<way>`), what
// was stored, and the request that stored it. A browser POST is stored by the
// front itself; PutObject, CopyObject and CompleteMultipartUpload are
// forwarded to s3rver and recognised here. (s3rver raises events of its own,
// but it sees a POST upload as the front's PUT, and its records are not S3's:
// eventVersion 2.0, an `arn:aws:s3: : :` ARN, keys not URL-encoded.)
import type { ObjectCreatedWay } from '../../contract-core/s3-notifications.ts';
import type { RequestTarget } from './request-target.ts';
import type { S3rverBackend } from './s3rver-backend.ts';
import { objectPath } from './s3rver-backend.ts';

export interface ObjectCreated {
  way: ObjectCreatedWay;
  bucket: string;
  /** The key as stored (not URL-encoded). */
  key: string;
  size: number;
  /** Without the quotes of the ETag header. */
  eTag: string;
  versionId?: string;
  /** When S3 finished processing the request. */
  time: Date;
  sourceIp: string;
  /** The request's `x-amz-request-id` and `x-amz-id-2`. */
  requestId: string;
  hostId: string;
}

/** Who the front tells of the objects it stores. */
export interface ObjectCreatedListener {
  /** Whether an object created this way at this key notifies anything: asked first, so that nothing is looked up for nobody. */
  wants(bucket: string, key: string, way: ObjectCreatedWay): boolean;
  /** Told once the object is stored; must not throw. */
  objectCreated(created: ObjectCreated): void;
}

/** Query parameters that leave a PUT a plain PutObject / CopyObject: a presigned URL's and the SDK's `x-id`. */
const SIGNING_QUERY = /^(x-amz-.*|x-id)$/i;

/** How an authenticated REST request creates an object, if it does (UploadPart, ?tagging, ?acl … do not). */
export function objectCreatedWay(target: RequestTarget): Exclude<ObjectCreatedWay, 'Post'> | undefined {
  if (target.bucket === undefined || target.key === undefined) return undefined;
  const names = Object.keys(target.query);
  if (target.method === 'PUT' && names.every((name) => SIGNING_QUERY.test(name))) {
    return target.headers['x-amz-copy-source'] === undefined ? 'Put' : 'Copy';
  }
  if (
    target.method === 'POST' &&
    target.query['uploadId'] !== undefined &&
    names.every((name) => name === 'uploadId' || SIGNING_QUERY.test(name))
  ) {
    return 'CompleteMultipartUpload';
  }
  return undefined;
}

export const unquoted = (etag: string): string => etag.replace(/^(W\/)?"|"$/g, '');

/**
 * Size and ETag of the object now at the key, for the ways whose response
 * does not tell them (CopyObject, CompleteMultipartUpload). A write landing
 * between the store and this look is not told apart; locally that race is
 * accepted, as in conditional-request-gate.ts.
 */
export async function storedObject(
  backend: S3rverBackend,
  bucket: string,
  key: string,
): Promise<{ size: number; eTag: string } | undefined> {
  const answer = await backend.send({ method: 'HEAD', path: objectPath(bucket, key), headers: {} });
  answer.body.resume();
  const size = Number(answer.headers['content-length']);
  const etag = answer.headers['etag'];
  if (answer.status !== 200 || !Number.isInteger(size) || typeof etag !== 'string') return undefined;
  return { size, eTag: unquoted(etag) };
}
