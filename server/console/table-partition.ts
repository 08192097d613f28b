// The raw items of one partition of the table, every page of them, in sort
// key order: what the console shows as "the table", as DynamoDB stores it.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../handlers/data/table.ts';
import { KEY } from '../../handlers/data/table-keys.ts';

export async function readPartition(table: Table, pk: string, skPrefix?: string): Promise<Record<string, unknown>[]> {
  const byPrefix = skPrefix !== undefined && skPrefix !== '';
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: byPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
        ExpressionAttributeNames: byPrefix ? { '#pk': KEY.pk, '#sk': KEY.sk } : { '#pk': KEY.pk },
        ExpressionAttributeValues: byPrefix ? { ':pk': pk, ':sk': skPrefix } : { ':pk': pk },
        ExclusiveStartKey: startKey,
        // The console shows what was just written, as the functions' own reads do.
        ConsistentRead: true,
      }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return items;
}
