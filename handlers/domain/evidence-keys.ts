// Where an evidence file lives in the bucket. A presigned POST stays usable
// until it expires, even after its upload was checked, so the form targets a
// staging key and only a checked copy (or a file checked in the request) is
// ever written to the served key.
import { sanitiseFileName } from './evidence-file-name.ts';

/** The key `file_url` points at; only checked bytes are ever written here. */
export const evidenceServedKey = (disputeId: number, seq: number, fileName: string): string =>
  `disputes/${disputeId}/evidence/${seq}/${sanitiseFileName(fileName)}`;

/**
 * The staging key the presigned POST writes to; never served. All staging
 * keys share the top-level `uploads/` prefix, so that one S3 lifecycle rule
 * (lifecycle filters match a prefix, not a pattern) expires leftovers: a
 * reader that stopped before its delete, a form used again after settling.
 */
export const evidenceUploadKey = (disputeId: number, seq: number, fileName: string): string =>
  `${UPLOADS_PREFIX}disputes/${disputeId}/${seq}/${sanitiseFileName(fileName)}`;

export const UPLOADS_PREFIX = 'uploads/';

const UPLOAD_KEY = new RegExp(`^${UPLOADS_PREFIX}disputes/([1-9]\\d{0,15})/([1-9]\\d{0,15})/[^/]+$`);

/** The dispute and evidence number a staging key belongs to, or null for any other key. */
export function parseEvidenceUploadKey(key: string): { disputeId: number; evidenceId: number } | null {
  const match = UPLOAD_KEY.exec(key);
  return match ? { disputeId: Number(match[1]), evidenceId: Number(match[2]) } : null;
}

/**
 * Keys in S3 event records are URL-encoded with spaces as `+`, as in an HTML
 * form (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
 */
export function decodeS3EventKey(key: string): string | null {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return null; // not percent-encoding S3 would write: no staged key
  }
}
