// TransactWriteItems on top of dynalite, which lacks it. The caller holds the
// emulator's lock, so nothing else runs in between: snapshot every touched item,
// apply the actions one by one with their conditions, and on any failure put
// every snapshot back, so that all actions take effect or none does. The
// snapshots go to the undo journal first, so that a crash in the middle is
// undone at the next start as well (see transaction-journal.ts).
// Reference: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
import type { CallOperation } from './dynalite-client.ts';
import { passThrough, transactItemsCountError, transactionCanceled, validationError } from './front-responses.ts';
import type { CancellationReason, JsonResponse } from './front-responses.ts';
import { findDuplicate, isObject, keyNamesOfTables, keyOf } from './transaction-items.ts';
import type { AttributeMap, ItemRef } from './transaction-items.ts';
import { restoreBeforeImages } from './transaction-journal.ts';
import type { JournalEntry, TransactionJournal } from './transaction-journal.ts';
import { legacyParameterError, transactionSizeError } from './transaction-limits.ts';

const KINDS = ['ConditionCheck', 'Put', 'Update', 'Delete'] as const;
type Kind = (typeof KINDS)[number];

// The request fields each action passes on to the single-item operation.
const CONDITION_FIELDS = ['ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'];
const FORWARDED: Record<Kind, { operation: string; fields: string[] }> = {
  Put: { operation: 'PutItem', fields: ['TableName', 'Item', ...CONDITION_FIELDS] },
  Update: { operation: 'UpdateItem', fields: ['TableName', 'Key', 'UpdateExpression', ...CONDITION_FIELDS] },
  Delete: { operation: 'DeleteItem', fields: ['TableName', 'Key', ...CONDITION_FIELDS] },
  // An UpdateItem without updates evaluates the condition; it creates a bare key
  // item when there was none, which is removed again right after.
  ConditionCheck: { operation: 'UpdateItem', fields: ['TableName', 'Key', ...CONDITION_FIELDS] },
};

// Members AWS requires per action (its model marks them required).
const REQUIRED: Record<Kind, string[]> = {
  Put: ['TableName', 'Item'],
  Update: ['TableName', 'Key', 'UpdateExpression'],
  Delete: ['TableName', 'Key'],
  ConditionCheck: ['TableName', 'Key', 'ConditionExpression'],
};

interface WriteAction {
  kind: Kind;
  params: Record<string, unknown>;
  ref: ItemRef;
  snapshot?: AttributeMap;
}

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

function parseActions(items: unknown[]): { kind: Kind; params: Record<string, unknown> }[] | JsonResponse {
  const parsed: { kind: Kind; params: Record<string, unknown> }[] = [];
  for (const [index, entry] of items.entries()) {
    const kinds = isObject(entry) ? KINDS.filter((kind) => entry[kind] !== undefined) : [];
    const kind = kinds[0];
    const params = kind && isObject(entry) ? entry[kind] : undefined;
    if (kinds.length !== 1 || !kind || !isObject(params)) {
      return validationError('TransactItems can only contain one of Check, Put, Update or Delete');
    }
    const missing = REQUIRED[kind].find((field) => params[field] === undefined);
    if (missing) {
      return validationError(
        `1 validation error detected: Value null at 'transactItems.${index + 1}.member.${lowerFirst(kind)}.` +
          `${lowerFirst(missing)}' failed to satisfy constraint: Member must not be null`,
      );
    }
    const legacy = legacyParameterError(lowerFirst(kind), params, index);
    if (legacy) return legacy;
    const onFailure = params.ReturnValuesOnConditionCheckFailure;
    if (onFailure !== undefined && onFailure !== 'ALL_OLD' && onFailure !== 'NONE') {
      return validationError(
        `1 validation error detected: Value '${String(onFailure)}' at 'transactItems.${index + 1}.member.` +
          `${lowerFirst(kind)}.returnValuesOnConditionCheckFailure' failed to satisfy constraint: ` +
          'Member must satisfy enum value set: [ALL_OLD, NONE]',
      );
    }
    parsed.push({ kind, params });
  }
  return parsed;
}

function pick(params: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => params[field] !== undefined).map((field) => [field, params[field]]));
}

const journalEntry = (action: WriteAction): JournalEntry => ({
  tableName: action.ref.tableName,
  key: action.ref.key,
  ...(action.snapshot ? { before: action.snapshot } : {}),
});

const restore = (call: CallOperation, action: WriteAction): Promise<void> => restoreBeforeImages(call, [journalEntry(action)]);

export async function transactWriteItems(
  request: Record<string, unknown>,
  call: CallOperation,
  journal: TransactionJournal,
): Promise<JsonResponse> {
  const items = request.TransactItems;
  const countError = transactItemsCountError(items);
  if (countError || !Array.isArray(items)) return countError ?? validationError('TransactItems is required');
  const parsed = parseActions(items);
  if (!Array.isArray(parsed)) return parsed;
  const sizeError = transactionSizeError(parsed);
  if (sizeError) return sizeError;

  const keyNames = await keyNamesOfTables(
    call,
    parsed.map(({ params }) => String(params.TableName)),
  );
  if (!(keyNames instanceof Map)) return keyNames;
  const actions: WriteAction[] = parsed.map(({ kind, params }) => {
    const tableName = String(params.TableName);
    const key = kind === 'Put' ? keyOf(params.Item as AttributeMap, keyNames.get(tableName) ?? []) : (params.Key as AttributeMap);
    return { kind, params, ref: { tableName, key } };
  });
  const duplicate = findDuplicate(
    actions.map((action) => action.ref),
    keyNames,
  );
  if (duplicate) return duplicate;

  for (const action of actions) {
    const read = await call('GetItem', { TableName: action.ref.tableName, Key: action.ref.key, ConsistentRead: true });
    if (!read.ok) return passThrough(read);
    action.snapshot = read.data.Item as AttributeMap | undefined;
  }

  journal.begin(actions.map(journalEntry));
  let response: JsonResponse;
  try {
    response = await applyActions(actions, call);
  } catch (error) {
    // Put everything back before the journal goes; if that fails too, the journal stays for the next start.
    await restoreBeforeImages(call, actions.map(journalEntry));
    journal.end();
    throw error;
  }
  journal.end();
  return response;
}

/** Applies every action; on any failure, rolls back the applied ones and answers with the failure. */
async function applyActions(actions: WriteAction[], call: CallOperation): Promise<JsonResponse> {
  // Every action is evaluated, even after a failure, so that the reasons are complete.
  const reasons: CancellationReason[] = [];
  const applied: WriteAction[] = [];
  let fatal: JsonResponse | undefined;
  for (const action of actions) {
    const { operation, fields } = FORWARDED[action.kind];
    const result = await call(operation, pick(action.params, fields));
    if (result.ok) {
      reasons.push({ Code: 'None' });
      if (action.kind !== 'ConditionCheck') applied.push(action);
      else if (!action.snapshot) await restore(call, action);
    } else if (result.code === 'ConditionalCheckFailedException') {
      const reason: CancellationReason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
      if (action.params.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && action.snapshot) reason.Item = action.snapshot;
      reasons.push(reason);
    } else {
      // A request error (bad expression, wrong key type, item too large) fails the whole call, as in AWS.
      fatal ??= passThrough(result);
      reasons.push({ Code: result.code });
    }
  }

  if (fatal || reasons.some((reason) => reason.Code !== 'None')) {
    for (const action of applied.reverse()) await restore(call, action);
    return fatal ?? transactionCanceled(reasons);
  }
  return { status: 200, body: {} };
}
