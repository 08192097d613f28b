// Every dispute in the table, newest first, as the console's list shows them:
// read as staff's unfiltered list is, page after page.
import { createDisputeReads } from '../../handlers/data/dispute-reads.ts';
import type { StoredDispute } from '../../handlers/data/dispute-item.ts';
import type { Table } from '../../handlers/data/table.ts';
import type { StartKey } from '../../handlers/domain/page-cursor.ts';
import type { DisputeRow } from './dispute-console-types.ts';

/** Disputes read per page; one BatchGetItem takes at most 100 keys. */
const PAGE_SIZE = 100;

export async function listDisputeRows(table: Table): Promise<DisputeRow[]> {
  const reads = createDisputeReads(table);
  const rows: DisputeRow[] = [];
  let startKey: StartKey | null = null;
  do {
    const page = await reads.list({ kind: 'staff' }, undefined, { limit: PAGE_SIZE, startKey });
    rows.push(...page.items.map(disputeRow));
    startKey = page.nextKey;
  } while (startKey);
  return rows;
}

export function disputeRow({ dispute }: StoredDispute): DisputeRow {
  return {
    id: dispute.id,
    status: dispute.status,
    priority: dispute.priority,
    reason: dispute.reason,
    project: { id: dispute.project.id, title: dispute.project.title },
    initiator: { id: dispute.initiator.id, name: dispute.initiator.name },
    respondent: { id: dispute.respondent.id, name: dispute.respondent.name },
    created_at: dispute.created_at,
    updated_at: dispute.updated_at,
  };
}
