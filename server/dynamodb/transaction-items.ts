// What a transaction needs to know about the items it touches: each table's key
// attributes, each item's key, and that no item is touched twice.
import type { CallOperation } from './dynalite-client.ts';
import { duplicateItemError, passThrough } from './front-responses.ts';
import type { JsonResponse } from './front-responses.ts';

export type AttributeMap = Record<string, unknown>;

export interface ItemRef {
  tableName: string;
  key: AttributeMap;
}

/** Key attribute names per table, read with DescribeTable. */
export async function keyNamesOfTables(call: CallOperation, tableNames: string[]): Promise<Map<string, string[]> | JsonResponse> {
  const keyNames = new Map<string, string[]>();
  for (const tableName of new Set(tableNames)) {
    const described = await call('DescribeTable', { TableName: tableName });
    if (!described.ok) return passThrough(described);
    const table = described.data.Table as { KeySchema: { AttributeName: string }[] };
    keyNames.set(
      tableName,
      table.KeySchema.map((element) => element.AttributeName),
    );
  }
  return keyNames;
}

/** The key part of a full item (a Put names its item, not its key). */
export function keyOf(item: AttributeMap, keyNames: string[]): AttributeMap {
  const key: AttributeMap = {};
  for (const name of keyNames) if (item[name] !== undefined) key[name] = item[name];
  return key;
}

/** Refuses a transaction that names one item twice, as DynamoDB does. */
export function findDuplicate(refs: ItemRef[], keyNames: Map<string, string[]>): JsonResponse | undefined {
  const seen = new Set<string>();
  for (const ref of refs) {
    const names = keyNames.get(ref.tableName) ?? [];
    const identity = JSON.stringify([ref.tableName, ...names.map((name) => ref.key[name])]);
    if (seen.has(identity)) return duplicateItemError();
    seen.add(identity);
  }
  return undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
