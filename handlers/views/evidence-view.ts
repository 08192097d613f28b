// Evidence as the contract shows it: pure, from the stored item (a pending
// item stays pending until S3's notification has been handled). Only an
// uploaded item has a download URL, of its served key (never of the staging
// key its presigned POST can still write to).
import type { Evidence } from '../../contracts/api.ts';
import type { StoredEvidence } from '../data/evidence-item.ts';

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
