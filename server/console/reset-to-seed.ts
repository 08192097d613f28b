// Back to a fresh start without restarting the emulator: every item of the
// table and every object of the bucket deleted, then the table seeded as at
// start-up (its seed marker went with the rest, so the seed is written again).
import { BatchWriteCommand, ScanCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../handlers/data/table.ts';
import { KEY } from '../../handlers/data/table-keys.ts';
import type { BucketContents } from './bucket-contents.ts';
import type { ResetResult } from './console-data-types.ts';

/** BatchWriteItem takes at most 25 requests. */
const BATCH_SIZE = 25;

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
    for (let start = 0; start < itemKeys.length; start += BATCH_SIZE) {
      await deleteBatch(table, itemKeys.slice(start, start + BATCH_SIZE));
    }
    deleted += itemKeys.length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}

async function deleteBatch(table: Table, itemKeys: Record<string, unknown>[]): Promise<void> {
  let pending: BatchWriteCommandInput['RequestItems'] = { [table.name]: itemKeys.map((Key) => ({ DeleteRequest: { Key } })) };
  while (pending && Object.keys(pending).length > 0) {
    pending = (await table.client.send(new BatchWriteCommand({ RequestItems: pending }))).UnprocessedItems;
  }
}
