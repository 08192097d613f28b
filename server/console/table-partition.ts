// The raw items of one partition of a table, every page of them, in sort key
// order: what the console shows as "the table", as DynamoDB stores it.
import { type DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { ConsoleTable } from './console-resources.ts';

export async function readPartition(
  client: DynamoDBDocumentClient,
  table: ConsoleTable,
  pk: string,
  skPrefix?: string,
): Promise<Record<string, unknown>[]> {
  const byPrefix = skPrefix !== undefined && skPrefix !== '' && table.sortKey !== undefined;
  const items: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client },
    {
      TableName: table.name,
      KeyConditionExpression: byPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
      ExpressionAttributeNames: byPrefix ? { '#pk': table.partitionKey, '#sk': table.sortKey! } : { '#pk': table.partitionKey },
      ExpressionAttributeValues: byPrefix ? { ':pk': pk, ':sk': skPrefix } : { ':pk': pk },
      // The console shows what was just written, as the functions' own reads do.
      ConsistentRead: true,
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}
