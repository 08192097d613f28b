// Evidence as the contract shows it: a pending item turns `uploaded` once its
// object exists, and only then gets a short-lived download URL.
import type { components } from '../../contracts/openapi.d.ts';
import type { StoredEvidence } from '../data/evidence-repository.ts';
import { objectExists, presignDownload } from '../data/evidence-storage.ts';

export type EvidenceView = components['schemas']['Evidence'];

export function evidenceView(evidence: StoredEvidence, uploaded: boolean, fileUrl: string | null): EvidenceView {
  return {
    id: evidence.id,
    file_name: evidence.file_name,
    content_type: evidence.content_type,
    size: evidence.size,
    description: evidence.description,
    status: uploaded ? 'uploaded' : 'pending',
    uploaded_by: evidence.uploaded_by,
    created_at: evidence.created_at,
    file_url: fileUrl,
  };
}

export async function renderEvidence(items: StoredEvidence[]): Promise<EvidenceView[]> {
  return Promise.all(
    items.map(async (item) => {
      const uploaded = item.status === 'uploaded' || (await objectExists(item.s3_key));
      return evidenceView(item, uploaded, uploaded ? await presignDownload(item.s3_key) : null);
    }),
  );
}
