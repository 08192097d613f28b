// One dispute with everything its partition holds, and for each evidence item
// what the bucket holds at its keys, so that the page shows how far an upload got.
import type { Table } from '../../handlers/data/table.ts';
import { keys } from '../../handlers/data/table-keys.ts';
import type { BucketContents } from './bucket-contents.ts';
import type { DisputeDetail, EvidenceEntry } from './console-data-types.ts';
import { groupDisputePartition } from './dispute-partition.ts';
import { readPartition } from './table-partition.ts';

export async function readDisputeDetail(table: Table, bucket: BucketContents, disputeId: number): Promise<DisputeDetail | null> {
  const partition = groupDisputePartition(disputeId, await readPartition(table, keys.dispute(disputeId).PK));
  if (!partition) return null;
  const evidence = await Promise.all(
    partition.evidence.map(
      async (item): Promise<EvidenceEntry> => ({
        ...item,
        object: await bucket.state(item.s3_key),
        upload: item.upload_key ? await bucket.state(item.upload_key) : null,
      }),
    ),
  );
  return { ...partition, evidence };
}
