// Back to a fresh start without restarting the emulator: every item of the
// table and every object of the bucket deleted, then the table seeded as at
// start-up (its seed marker went with the rest, so the seed is written again).
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../handlers/data/table.ts';
import { KEY } from '../../handlers/data/table-keys.ts';
import { inBatches, writeBatch } from '../dynamodb/batch-write.ts';
import type { BucketContents } from './bucket-contents.ts';
import type { ResetResult } from './console-data-types.ts';

export interface ResetTargets {
  table: Table;
  bucket: BucketContents;
  /** Writes the seed into the emptied table (seedTable). */
  seed(): Promise<void>;
}

export async function resetToSeed({ table, bucket, seed }: ResetTargets): Promise<ResetResult> {
  const deletedItems = await deleteAllItems(table);
  const deletedObjects = await bucket.deleteAll();
  await seed();
  return { deletedItems, deletedObjects };
}

async function deleteAllItems(table: Table): Promise<number> {
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        ProjectionExpression: '#pk, #sk',
        ExpressionAttributeNames: { '#pk': KEY.pk, '#sk': KEY.sk },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    const itemKeys = page.Items ?? [];
    for (const batch of inBatches(itemKeys)) {
      await writeBatch(
        table.client,
        table.name,
        batch.map((Key) => ({ DeleteRequest: { Key } })),
      );
    }
    deleted += itemKeys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}
