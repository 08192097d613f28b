// What a successful write request did to the TTL attribute of the items it
// touched, as far as the request itself tells: a put names the whole item, so
// its TTL is known; a delete leaves no item; an update may set or remove the
// attribute through its expression, so the item must be read again, unless
// the request never names the attribute (an update changes only the paths it
// names). The check is textual and errs on the side of a read: the name
// anywhere in the expression, or as any placeholder's value, counts.
import { isObject } from './transaction-items.ts';
import type { AttributeMap } from './transaction-items.ts';

export type TtlChange =
  | { kind: 'written'; tableName: string; item: AttributeMap }
  | { kind: 'updated'; tableName: string; key: AttributeMap }
  | { kind: 'deleted'; tableName: string; key: AttributeMap };

/** The TTL attribute of a table with an expiry index, or undefined. */
export type TtlAttributeOf = (tableName: string) => string | undefined;

/** The write operations that can change an expiry index. */
export const TTL_WRITE_OPERATIONS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/** Whether an update request may set or remove the attribute (see the top of the file). */
export function mayChangeAttribute(params: Record<string, unknown>, attributeName: string): boolean {
  const { UpdateExpression: expression, ExpressionAttributeNames: names, AttributeUpdates: legacyUpdates } = params;
  if (typeof expression === 'string' && expression.includes(attributeName)) return true;
  if (isObject(names) && Object.values(names).includes(attributeName)) return true;
  return isObject(legacyUpdates) && Object.hasOwn(legacyUpdates, attributeName);
}

type Kind = 'Put' | 'Update' | 'Delete';

/** One put, update or delete of a table whose TTL is indexed; nothing for other tables or malformed parts. */
function change(kind: Kind, params: unknown, tableName: unknown, ttlAttributeOf: TtlAttributeOf): TtlChange[] {
  if (typeof tableName !== 'string' || !isObject(params)) return [];
  const attributeName = ttlAttributeOf(tableName);
  if (attributeName === undefined) return [];
  if (kind === 'Put') return isObject(params.Item) ? [{ kind: 'written', tableName, item: params.Item }] : [];
  if (!isObject(params.Key)) return [];
  if (kind === 'Delete') return [{ kind: 'deleted', tableName, key: params.Key }];
  return mayChangeAttribute(params, attributeName) ? [{ kind: 'updated', tableName, key: params.Key }] : [];
}

function batchChanges(requestItems: unknown, ttlAttributeOf: TtlAttributeOf): TtlChange[] {
  if (!isObject(requestItems)) return [];
  return Object.entries(requestItems).flatMap(([tableName, requests]) =>
    (Array.isArray(requests) ? requests : []).flatMap((request: unknown) => {
      if (!isObject(request)) return [];
      if (request.PutRequest !== undefined) return change('Put', request.PutRequest, tableName, ttlAttributeOf);
      return change('Delete', request.DeleteRequest, tableName, ttlAttributeOf);
    }),
  );
}

function transactionChanges(transactItems: unknown, ttlAttributeOf: TtlAttributeOf): TtlChange[] {
  if (!Array.isArray(transactItems)) return [];
  return transactItems.flatMap((entry: unknown) => {
    if (!isObject(entry)) return [];
    // A ConditionCheck writes nothing.
    const kind = (['Put', 'Update', 'Delete'] as const).find((name) => entry[name] !== undefined);
    const params = kind ? entry[kind] : undefined;
    return kind && isObject(params) ? change(kind, params, params.TableName, ttlAttributeOf) : [];
  });
}

/** The changes a successful request of `operation` (e.g. `PutItem`) made to tables whose TTL is indexed. */
export function ttlChanges(operation: string, request: Record<string, unknown>, ttlAttributeOf: TtlAttributeOf): TtlChange[] {
  switch (operation) {
    case 'PutItem':
      return change('Put', request, request.TableName, ttlAttributeOf);
    case 'UpdateItem':
      return change('Update', request, request.TableName, ttlAttributeOf);
    case 'DeleteItem':
      return change('Delete', request, request.TableName, ttlAttributeOf);
    case 'BatchWriteItem':
      return batchChanges(request.RequestItems, ttlAttributeOf);
    case 'TransactWriteItems':
      return transactionChanges(request.TransactItems, ttlAttributeOf);
    default:
      return [];
  }
}
