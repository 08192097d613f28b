// One dispute with everything its partition holds, and for each evidence item
// what the bucket holds at its keys, so that the page shows how far an upload got.
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isMissing } from '../../handlers/data/s3-errors.ts';
import type { Table } from '../../handlers/data/table.ts';
import { KEY, keys } from '../../handlers/data/table-keys.ts';
import type { DisputeDetail, EvidenceEntry, StoredObjectState } from './dispute-console-types.ts';
import { groupDisputePartition } from './dispute-partition.ts';
import { readPartition } from '../../server/console/table-partition.ts';

export interface EvidenceBucket {
  s3: S3Client;
  name: string;
}

export async function readDisputeDetail(table: Table, bucket: EvidenceBucket, disputeId: number): Promise<DisputeDetail | null> {
  const items = await readPartition(
    table.client,
    { module: '', name: table.name, partitionKey: KEY.pk, sortKey: KEY.sk },
    keys.dispute(disputeId).PK,
  );
  const partition = groupDisputePartition(disputeId, items);
  if (!partition) return null;
  const evidence = await Promise.all(
    partition.evidence.map(
      async (item): Promise<EvidenceEntry> => ({
        ...item,
        object: await objectState(bucket, item.s3_key),
        upload: item.upload_key ? await objectState(bucket, item.upload_key) : null,
      }),
    ),
  );
  return { table: table.name, bucket: bucket.name, ...partition, evidence };
}

/** What the key holds, or null when there is no object. */
async function objectState({ s3, name }: EvidenceBucket, key: string): Promise<StoredObjectState | null> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: name, Key: key }));
    return { key, size: head.ContentLength ?? 0, contentType: head.ContentType ?? null };
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}
