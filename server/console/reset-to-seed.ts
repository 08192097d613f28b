// Back to a fresh start without restarting the emulator: every item of every
// table and every object of every bucket deleted, then each module's seed
// written as at start-up (a seed marker, if a module keeps one, went with the
// rest, so the seed is written again).
import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { inBatches, writeBatch } from '../dynamodb/batch-write.ts';
import type { BucketContents } from './bucket-contents.ts';
import type { ResetResult } from './console-data-types.ts';
import type { ConsoleTable } from './console-resources.ts';

export interface ResetTargets {
  client: DynamoDBDocumentClient;
  tables: readonly ConsoleTable[];
  buckets: readonly BucketContents[];
  /** Writes every module's seed into the emptied tables. */
  seed(): Promise<void>;
}

export async function resetToSeed({ client, tables, buckets, seed }: ResetTargets): Promise<ResetResult> {
  let deletedItems = 0;
  for (const table of tables) deletedItems += await deleteAllItems(client, table);
  let deletedObjects = 0;
  for (const bucket of buckets) deletedObjects += await bucket.deleteAll();
  await seed();
  return { deletedItems, deletedObjects };
}

async function deleteAllItems(client: DynamoDBDocumentClient, table: ConsoleTable): Promise<number> {
  const keyNames = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
  const pages = paginateScan(
    { client },
    {
      TableName: table.name,
      ProjectionExpression: keyNames.map((_, index) => `#k${index}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(keyNames.map((name, index) => [`#k${index}`, name])),
      ConsistentRead: true,
    },
  );
  let deleted = 0;
  for await (const page of pages) {
    const itemKeys = page.Items ?? [];
    for (const batch of inBatches(itemKeys)) {
      await writeBatch(
        client,
        table.name,
        batch.map((Key) => ({ DeleteRequest: { Key } })),
      );
    }
    deleted += itemKeys.length;
  }
  return deleted;
}
