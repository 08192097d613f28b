// BatchWriteItem as the emulator's own tools use it (seeding, the console's
// reset, the load scripts): at most 25 requests a call, and what DynamoDB
// leaves unprocessed sent again until nothing is left.
import { BatchWriteCommand, type BatchWriteCommandInput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** BatchWriteItem's limit on requests per call. */
export const BATCH_WRITE_LIMIT = 25;

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** The items in slices of at most BATCH_WRITE_LIMIT. */
export function inBatches<T>(items: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) batches.push(items.slice(start, start + BATCH_WRITE_LIMIT));
  return batches;
}

/** Writes one batch (at most BATCH_WRITE_LIMIT requests) to the table, unprocessed ones again until all are done. */
export async function writeBatch(db: DynamoDBDocumentClient, tableName: string, batch: readonly WriteRequest[]): Promise<void> {
  let pending: BatchWriteCommandInput['RequestItems'] = { [tableName]: [...batch] };
  while (pending && Object.keys(pending).length > 0) {
    pending = (await db.send(new BatchWriteCommand({ RequestItems: pending }))).UnprocessedItems;
  }
}
