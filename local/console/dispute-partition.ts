// A dispute's partition (docs/data-model.md) sorted into what it holds: the
// dispute item, its messages, its evidence items and its timeline events.
// Items are told apart by the sort keys the functions write (table-keys.ts).
import { storedDisputeFrom } from '../../handlers/data/dispute-item.ts';
import { storedEvidenceFrom, type StoredEvidence } from '../../handlers/data/evidence-item.ts';
import { KEY, KEY_PREFIX, keys } from '../../handlers/data/table-keys.ts';

export interface DisputePartition {
  dispute: Record<string, unknown>;
  timeline: Record<string, unknown>[];
  messages: Record<string, unknown>[];
  evidence: StoredEvidence[];
}

const KEY_ATTRIBUTES: readonly string[] = Object.values(KEY);

/** The partition's items (in sort key order) grouped; null when the dispute item is not among them. */
export function groupDisputePartition(disputeId: number, items: readonly Record<string, unknown>[]): DisputePartition | null {
  const disputeSk = keys.dispute(disputeId).SK;
  let dispute: Record<string, unknown> | null = null;
  const timeline: Record<string, unknown>[] = [];
  const messages: Record<string, unknown>[] = [];
  const evidence: StoredEvidence[] = [];
  for (const item of items) {
    const sk = String(item[KEY.sk]);
    if (sk === disputeSk) {
      const stored = storedDisputeFrom(item);
      dispute = { ...stored.dispute, ...stored.counters };
    } else if (sk.startsWith(KEY_PREFIX.message)) {
      // As the functions' message reads decode it (no key attributes), but with every stored attribute.
      messages.push(withoutKeyAttributes(item));
    } else if (sk.startsWith(KEY_PREFIX.evidence)) {
      evidence.push(storedEvidenceFrom(item));
    } else {
      // The rest of the partition is its timeline, `EVENT#<created_at>#<seq>`: in time order already,
      // and kept whole, its number being in the sort key only.
      timeline.push(item);
    }
  }
  return dispute && { dispute, timeline, messages, evidence };
}

function withoutKeyAttributes(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.includes(name)));
}
