// When an evidence file counts as uploaded. The client's word (its declared
// size and type, or its presigned POST having "worked") is never taken: what
// is judged is the object S3 holds, its real size and its first bytes.
import { matchesDeclaredType } from './content-sniffing.ts';

/** The presigned POST's `content-length-range` upper bound (10 MiB). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/**
 * Files sent inside the request (multipart). 4 MiB grows to ~5.6 MB once
 * base64-encoded into the Lambda event, under the 6 MB invocation limit.
 */
export const MAX_MULTIPART_FILE_BYTES = 4 * 1024 * 1024;

/** How long a presigned POST policy stays usable. */
export const UPLOAD_EXPIRY_SECONDS = 10 * 60;

/** An evidence file's description, in either flow. */
export const MAX_EVIDENCE_DESCRIPTION_LENGTH = 1000;

/** Slack after the POST policy expires, for an upload that started just before. */
export const UPLOAD_ARRIVAL_MARGIN_SECONDS = 5 * 60;

export type RejectionReason = 'size_out_of_range' | 'content_type_mismatch' | 'upload_expired';

export type UploadVerdict = { status: 'uploaded'; size: number } | { status: 'rejected'; reason: RejectionReason };

export interface StoredObject {
  size: number;
  firstBytes: Uint8Array;
}

/**
 * What an inspection of an upload key found: no object; an object that changed while
 * it was looked at (its HEAD and ranged GET saw different ETags); or an object
 * with the ETag its size and first bytes were read under.
 */
export type UploadInspection = { state: 'missing' } | { state: 'replaced' } | { state: 'found'; etag: string; object: StoredObject };

/**
 * What confirming a pending item does next: wait (nothing to judge yet, or it
 * changed under the inspection), reject it, or publish exactly the judged version
 * (the one with `etag`) to the served key and then settle it uploaded.
 */
export type ConfirmationStep =
  | { action: 'wait' }
  | { action: 'reject'; reason: RejectionReason }
  | { action: 'publish'; etag: string; size: number };

/** The verdict on an object found in S3 for an item that declared `declaredType`. */
export function judgeStoredObject(object: StoredObject, declaredType: string): UploadVerdict {
  if (object.size < 1 || object.size > MAX_EVIDENCE_BYTES) return { status: 'rejected', reason: 'size_out_of_range' };
  if (!matchesDeclaredType(object.firstBytes, declaredType)) return { status: 'rejected', reason: 'content_type_mismatch' };
  return { status: 'uploaded', size: object.size };
}

/**
 * Whether the object of an item registered at `createdAt` may still arrive:
 * after the policy's expiry (plus the margin) S3 refuses the POST, so an item
 * with no object by then never gets one.
 */
export function uploadCanStillArrive(createdAt: string, now: Date, uploadExpirySeconds: number): boolean {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return false;
  return now.getTime() <= created + (uploadExpirySeconds + UPLOAD_ARRIVAL_MARGIN_SECONDS) * 1000;
}

/** The next step for a pending item of the presigned flow, from an inspection of its upload key. */
export function confirmationStep(
  inspection: UploadInspection,
  item: { content_type: string; created_at: string },
  now: Date,
  uploadExpirySeconds: number,
): ConfirmationStep {
  if (inspection.state === 'replaced') return { action: 'wait' };
  if (inspection.state === 'missing') {
    return uploadCanStillArrive(item.created_at, now, uploadExpirySeconds)
      ? { action: 'wait' }
      : { action: 'reject', reason: 'upload_expired' };
  }
  const verdict = judgeStoredObject(inspection.object, item.content_type);
  return verdict.status === 'uploaded'
    ? { action: 'publish', etag: inspection.etag, size: verdict.size }
    : { action: 'reject', reason: verdict.reason };
}
