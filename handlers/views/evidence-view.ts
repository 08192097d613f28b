// Evidence as the contract shows it. Reading is also when a pending item of
// the presigned flow gets confirmed (or rejected) against what S3 holds; only
// an uploaded item gets a short-lived download URL, of its served key (never
// of the staging key its presigned POST can still write to).
import type { Evidence } from '../../contracts/api.ts';
import { confirmEvidence } from '../data/evidence-confirmation.ts';
import type { StoredEvidence } from '../data/evidence-repository.ts';
import { presignDownload } from '../data/evidence-storage.ts';

export type EvidenceView = Evidence;

export function evidenceView(evidence: StoredEvidence, fileUrl: string | null): EvidenceView {
  return {
    id: evidence.id,
    file_name: evidence.file_name,
    content_type: evidence.content_type,
    size: evidence.size,
    description: evidence.description,
    status: evidence.status,
    uploaded_by: evidence.uploaded_by,
    created_at: evidence.created_at,
    file_url: evidence.status === 'uploaded' ? fileUrl : null,
  };
}

/** Confirms pending items, then renders them all with download URLs where uploaded. */
export async function renderEvidence(disputeId: number, items: StoredEvidence[], now = new Date()): Promise<EvidenceView[]> {
  return Promise.all(
    items.map(async (item) => {
      const current = await confirmEvidence(disputeId, item, now);
      return evidenceView(current, current.status === 'uploaded' ? await presignDownload(current.s3_key) : null);
    }),
  );
}
