// Evidence as the contract shows it: pure, from the stored item. Only an
// uploaded item has a download URL, of its served key (never of the staging
// key its presigned POST can still write to).
import type { Evidence } from '../../contracts/api.ts';
import type { StoredEvidence } from '../data/evidence-item.ts';
import { shownEvidenceStatus } from '../domain/evidence-upload-rules.ts';

export type EvidenceView = Evidence;

export function evidenceView(evidence: StoredEvidence, fileUrl: string | null, now: Date): EvidenceView {
  return {
    id: evidence.id,
    file_name: evidence.file_name,
    content_type: evidence.content_type,
    size: evidence.size,
    description: evidence.description,
    status: shownEvidenceStatus(evidence, now),
    uploaded_by: evidence.uploaded_by,
    created_at: evidence.created_at,
    file_url: evidence.status === 'uploaded' ? fileUrl : null,
  };
}
