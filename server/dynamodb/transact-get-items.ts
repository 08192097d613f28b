// TransactGetItems on top of dynalite, which lacks it. The caller holds the
// emulator's lock, so consistent reads one after another see one state.
// Reference: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
import type { CallOperation } from './dynalite-client.ts';
import { passThrough, transactItemsCountError, validationError } from './front-responses.ts';
import type { JsonResponse } from './front-responses.ts';
import { findDuplicate, isObject, keyNamesOfTables } from './transaction-items.ts';
import type { AttributeMap } from './transaction-items.ts';

const GET_FIELDS = ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames'];

export async function transactGetItems(request: Record<string, unknown>, call: CallOperation): Promise<JsonResponse> {
  const items = request.TransactItems;
  const countError = transactItemsCountError(items);
  if (countError || !Array.isArray(items)) return countError ?? validationError('TransactItems is required');

  const gets: Record<string, unknown>[] = [];
  for (const [index, entry] of items.entries()) {
    const get = isObject(entry) ? entry.Get : undefined;
    const missing = !isObject(get) ? 'get' : get.TableName === undefined ? 'get.tableName' : get.Key === undefined ? 'get.key' : undefined;
    if (missing || !isObject(get)) {
      return validationError(
        `1 validation error detected: Value null at 'transactItems.${index + 1}.member.${missing}' ` +
          'failed to satisfy constraint: Member must not be null',
      );
    }
    gets.push(get);
  }

  const keyNames = await keyNamesOfTables(
    call,
    gets.map((get) => String(get.TableName)),
  );
  if (!(keyNames instanceof Map)) return keyNames;
  const duplicate = findDuplicate(
    gets.map((get) => ({ tableName: String(get.TableName), key: get.Key as AttributeMap })),
    keyNames,
  );
  if (duplicate) return duplicate;

  const responses: { Item?: AttributeMap }[] = [];
  for (const get of gets) {
    const params = Object.fromEntries(GET_FIELDS.filter((field) => get[field] !== undefined).map((field) => [field, get[field]]));
    const read = await call('GetItem', { ...params, ConsistentRead: true });
    if (!read.ok) return passThrough(read);
    const item = read.data.Item as AttributeMap | undefined;
    responses.push(item ? { Item: item } : {});
  }
  return { status: 200, body: { Responses: responses } };
}
