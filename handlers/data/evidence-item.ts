// The evidence item as stored (docs/data-model.md), and reading one back.
import type { UserRef } from '../domain/dispute.ts';
import type { EvidenceContentType } from '../domain/content-sniffing.ts';
import type { RejectionReason } from '../domain/evidence-upload-rules.ts';

export interface StoredEvidence {
  id: number;
  file_name: string;
  content_type: EvidenceContentType;
  /** Declared while pending; the object's real size once uploaded. */
  size: number;
  description: string | null;
  status: EvidenceStatus;
  /** The served key: `file_url` points here, and only checked bytes are written to it. */
  s3_key: string;
  /** Presigned flow only: the staging key the client's POST writes to; never served. */
  upload_key?: string;
  /** Presigned flow, once uploaded: the ETag of the upload version that was checked and copied to `s3_key`. */
  checked_etag?: string;
  uploaded_by: UserRef;
  created_at: string;
  /** When it left `pending`. */
  settled_at?: string;
  /** Why it was rejected; kept for support, not shown by the API. */
  rejection_reason?: RejectionReason;
}

export type EvidenceStatus = 'pending' | 'uploaded' | 'rejected';
const STATUSES: readonly string[] = ['pending', 'uploaded', 'rejected'] satisfies EvidenceStatus[];

export function storedEvidenceFrom(item: Record<string, unknown>): StoredEvidence {
  return {
    id: Number(item['id']),
    file_name: String(item['file_name']),
    content_type: item['content_type'] as StoredEvidence['content_type'],
    size: Number(item['size']),
    description: typeof item['description'] === 'string' ? item['description'] : null,
    status: STATUSES.includes(String(item['status'])) ? (item['status'] as EvidenceStatus) : 'pending',
    s3_key: String(item['s3_key']),
    ...(typeof item['upload_key'] === 'string' ? { upload_key: item['upload_key'] } : {}),
    ...(typeof item['checked_etag'] === 'string' ? { checked_etag: item['checked_etag'] } : {}),
    uploaded_by: item['uploaded_by'] as UserRef,
    created_at: String(item['created_at']),
    ...(typeof item['settled_at'] === 'string' ? { settled_at: item['settled_at'] } : {}),
    ...(typeof item['rejection_reason'] === 'string' ? { rejection_reason: item['rejection_reason'] as RejectionReason } : {}),
  };
}
