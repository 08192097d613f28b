// Full pages from a Query: asks for one item more than the page so that a next
// page is announced only when it exists, and keeps reading when DynamoDB stops
// early (1 MB per response).
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { StartKey } from '../domain/page-cursor.ts';
import type { Table } from './table.ts';

export interface Page<T> {
  items: T[];
  /** The exclusive start key of the next page; null on the last page. */
  nextKey: StartKey | null;
}

export async function queryPage(
  table: Table,
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  options: { limit: number; startKey: StartKey | null; keyAttributes: readonly string[] },
): Promise<Page<Record<string, unknown>>> {
  const wanted = options.limit + 1;
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined = options.startKey ?? undefined;
  do {
    const result = await table.client.send(
      new QueryCommand({ ...input, TableName: table.name, Limit: wanted - items.length, ExclusiveStartKey: startKey }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
  } while (startKey && items.length < wanted);

  if (items.length <= options.limit) return { items, nextKey: null };
  const page = items.slice(0, options.limit);
  const last = page[page.length - 1] ?? {};
  const nextKey = Object.fromEntries(options.keyAttributes.map((name) => [name, String(last[name])]));
  return { items: page, nextKey };
}
