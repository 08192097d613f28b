// A dispute as one caller sees it, with its evidence: the items are read and
// uploaded ones get a download link; nothing is written (reading functions
// have no write permissions).
import type { StoredDispute } from '../data/dispute-item.ts';
import type { DownloadLinks } from '../data/download-links.ts';
import type { EvidenceReads } from '../data/evidence-reads.ts';
import type { Caller } from '../domain/dispute.ts';
import { disputeView, type DisputeView } from '../views/dispute-view.ts';
import { evidenceView } from '../views/evidence-view.ts';

export interface DetailsDependencies {
  evidence: EvidenceReads;
  downloads: DownloadLinks;
}

export async function disputeDetails(deps: DetailsDependencies, stored: StoredDispute, caller: Caller): Promise<DisputeView> {
  const id = stored.dispute.id;
  const items = stored.counters.evidence_seq > 0 ? await deps.evidence.list(id) : [];
  const evidence = await Promise.all(
    items.map(async (item) => evidenceView(item, item.status === 'uploaded' ? await deps.downloads.sign(item) : null)),
  );
  return disputeView(stored, caller, evidence);
}
