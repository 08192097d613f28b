// What TransactWriteItems refuses up front, instead of quietly dropping it.
// Reference: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
import { itemSize } from './item-size.ts';
import { validationError } from './front-responses.ts';
import type { JsonResponse } from './front-responses.ts';

// The transaction actions (Put, Update, Delete, ConditionCheck) have only the
// expression parameters in the API model; the legacy ones exist on the
// single-item operations alone. The SDK cannot send them here, but a hand-built
// request can, and dropping them would run the write without its condition.
const LEGACY_PARAMETERS = ['Expected', 'AttributeUpdates', 'ConditionalOperator'];

/** "The aggregate size of the items in the transaction cannot exceed 4 MB." */
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

export function legacyParameterError(kind: string, params: Record<string, unknown>, index: number): JsonResponse | undefined {
  const legacy = LEGACY_PARAMETERS.find((name) => params[name] !== undefined);
  if (!legacy) return undefined;
  return validationError(
    `Legacy parameter ${legacy} in transactItems.${index + 1}.member.${kind} is not supported by TransactWriteItems; ` +
      'use ConditionExpression and UpdateExpression',
  );
}

/** What an action adds to the transaction's size: the whole item of a Put, the key (and new values of an Update) otherwise. */
function actionSize(kind: string, params: Record<string, unknown>): number {
  if (kind === 'Put') return itemSize(params.Item as Record<string, unknown>);
  const key = itemSize(params.Key as Record<string, unknown>);
  return kind === 'Update' ? key + itemSize(params.ExpressionAttributeValues as Record<string, unknown>) : key;
}

export function transactionSizeError(actions: { kind: string; params: Record<string, unknown> }[]): JsonResponse | undefined {
  const total = actions.reduce((sum, { kind, params }) => sum + actionSize(kind, params), 0);
  if (total <= MAX_TRANSACTION_BYTES) return undefined;
  // The wording DynamoDB uses for this limit, as reproduced by emulators tested against it (dynoxide).
  return validationError(
    'Collection size of items exceeded, which can also be caused by the aggregate size of the items in the transaction exceeding the 4MB limit',
  );
}
