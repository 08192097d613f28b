// One dispute with everything its partition holds, and for each evidence item
// what the bucket holds at its keys, so that the page shows how far an upload got.
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { isMissing } from '../../handlers/data/s3-errors.ts';
import type { Table } from '../../handlers/data/table.ts';
import { KEY, keys } from '../../handlers/data/table-keys.ts';
import type { DisputeDetail, EvidenceEntry, StoredObjectState } from './dispute-console-types.ts';
import { groupDisputePartition } from './dispute-partition.ts';

export interface EvidenceBucket {
  s3: S3Client;
  name: string;
}

export async function readDisputeDetail(table: Table, bucket: EvidenceBucket, disputeId: number): Promise<DisputeDetail | null> {
  const items: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client: table.client },
    {
      TableName: table.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': KEY.pk },
      ExpressionAttributeValues: { ':pk': keys.dispute(disputeId).PK },
      // The console shows what was just written.
      ConsistentRead: true,
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
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
