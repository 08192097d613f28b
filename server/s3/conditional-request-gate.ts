// Applies conditional request headers in the front, after authentication and
// before forwarding: looks up the object's ETag and Last-Modified with a HEAD
// to s3rver (for CopyObject: the copy source's, and the destination's for
// If-Match / If-None-Match), judges the headers with conditional-requests.ts
// and answers 412 PreconditionFailed / 404 NoSuchKey (thrown as S3Error) or
// 304, as S3 does. The HEAD and the forwarded request are two steps, so a
// write landing in between is not seen; S3 would answer 409
// ConditionalRequestConflict there. Locally, one developer's traffic, that
// race is accepted.
import { parseCopySource } from './copy-source.ts';
import { objectPath } from './s3rver-backend.ts';
import type { S3rverBackend } from './s3rver-backend.ts';
import {
  evaluateCopySourceConditions,
  evaluateReadConditions,
  evaluateWriteConditions,
  hasWriteConditions,
} from './conditional-requests.ts';
import type { ConditionVerdict, ObjectState } from './conditional-requests.ts';
import type { RequestTarget } from './request-target.ts';
import { S3Error } from './s3-error.ts';

export type GateResult =
  | { action: 'forward' }
  /** Headers of S3's 304: the current ETag and Last-Modified, no body. */
  | { action: 'not-modified'; headers: Record<string, string> };

const FORWARD: GateResult = { action: 'forward' };
/** Query parameters that leave a request a plain object GET/HEAD/PUT (no ?acl, ?tagging, ?uploadId ...). */
const OBJECT_QUERY = /^(x-amz-.*|x-id|response-.*|versionId|partNumber)$/i;
const READ_HEADERS = ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'];

async function head(
  backend: S3rverBackend,
  path: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const answer = await backend.send({ method: 'HEAD', path, headers: {} });
  answer.body.resume();
  return { status: answer.status, headers: answer.headers };
}

/** The object's current state, or undefined when s3rver has no such object (or bucket). */
async function currentObject(backend: S3rverBackend, bucket: string, key: string): Promise<ObjectState | undefined> {
  const answer = await head(backend, objectPath(bucket, key));
  if (answer.status === 404) return undefined;
  const etag = answer.headers['etag'];
  const lastModified = answer.headers['last-modified'];
  if (answer.status !== 200 || typeof etag !== 'string' || typeof lastModified !== 'string') throw new S3Error('InternalError');
  return { etag, lastModified: new Date(lastModified) };
}

async function bucketExists(backend: S3rverBackend, bucket: string): Promise<boolean> {
  return (await head(backend, `/${encodeURIComponent(bucket)}`)).status === 200;
}

/** Turns a failed verdict into S3's error; NoSuchKey only when the bucket is there (else s3rver's NoSuchBucket stands). */
async function enforce(verdict: ConditionVerdict, backend: S3rverBackend, bucket: string, key: string): Promise<void> {
  if (verdict.outcome === 'precondition-failed') throw new S3Error('PreconditionFailed', undefined, { Condition: verdict.condition });
  if (verdict.outcome === 'no-such-key' && (await bucketExists(backend, bucket))) throw new S3Error('NoSuchKey', undefined, { Key: key });
}

function isPlainObjectRequest(target: RequestTarget): boolean {
  return Object.keys(target.query).every((name) => OBJECT_QUERY.test(name));
}

async function readGate(target: RequestTarget, backend: S3rverBackend, bucket: string, key: string, now: Date): Promise<GateResult> {
  if (!READ_HEADERS.some((name) => target.headers[name] !== undefined)) return FORWARD;
  const current = await currentObject(backend, bucket, key);
  if (current === undefined) return FORWARD;
  const verdict = evaluateReadConditions(target.headers, current, now);
  if (verdict.outcome === 'not-modified') {
    return { action: 'not-modified', headers: { etag: current.etag, 'last-modified': current.lastModified.toUTCString() } };
  }
  await enforce(verdict, backend, bucket, key);
  return FORWARD;
}

async function copySourceGate(target: RequestTarget, backend: S3rverBackend, copySource: string, now: Date): Promise<void> {
  if (!Object.keys(target.headers).some((name) => name.startsWith('x-amz-copy-source-if-'))) return;
  const source = parseCopySource(copySource);
  if (source === undefined) return;
  const current = await currentObject(backend, source.bucket, source.key);
  // A missing source is s3rver's NoSuchKey / NoSuchBucket, as on S3.
  if (current !== undefined) await enforce(evaluateCopySourceConditions(target.headers, current, now), backend, source.bucket, source.key);
}

async function writeGate(target: RequestTarget, backend: S3rverBackend, bucket: string, key: string): Promise<void> {
  if (!hasWriteConditions(target.headers)) return;
  await enforce(evaluateWriteConditions(target.headers, await currentObject(backend, bucket, key)), backend, bucket, key);
}

/**
 * Judges the conditional headers of an authenticated request: GetObject /
 * HeadObject, PutObject, CopyObject (source and destination) and
 * CompleteMultipartUpload. Throws S3Error(PreconditionFailed | NoSuchKey).
 */
export async function conditionalRequestGate(target: RequestTarget, backend: S3rverBackend, now: Date): Promise<GateResult> {
  const { bucket, key, method } = target;
  if (bucket === undefined || key === undefined) return FORWARD;
  if ((method === 'GET' || method === 'HEAD') && isPlainObjectRequest(target)) return readGate(target, backend, bucket, key, now);
  if (method === 'PUT' && isPlainObjectRequest(target)) {
    const copySource = target.headers['x-amz-copy-source'];
    if (copySource !== undefined) await copySourceGate(target, backend, copySource, now);
    await writeGate(target, backend, bucket, key);
  } else if (
    method === 'POST' &&
    Object.keys(target.query).every((name) => name === 'uploadId' || /^(x-amz-.*|x-id)$/i.test(name)) &&
    target.query['uploadId'] !== undefined
  ) {
    await writeGate(target, backend, bucket, key);
  }
  return FORWARD;
}
