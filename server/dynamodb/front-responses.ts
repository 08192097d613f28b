// Responses of the operations the front server answers itself (transactions,
// Time to Live, see front-operations.ts), and their error bodies shaped as
// DynamoDB sends them (JSON 1.0 protocol: `__type` names the error, the SDK
// keeps the part after `#`).
// Reference: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
// and .../API_TransactGetItems.html (Errors sections).

export interface JsonResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Record<string, unknown>;
}

export function validationError(message: string): JsonResponse {
  return { status: 400, body: { __type: 'com.amazon.coral.validate#ValidationException', message } };
}

/** The member-count checks AWS applies to `TransactItems` (1 to 100 entries). */
export function transactItemsCountError(items: unknown): JsonResponse | undefined {
  if (!Array.isArray(items)) {
    return validationError(
      "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null",
    );
  }
  if (items.length < 1) {
    return validationError(
      "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 1',
    );
  }
  if (items.length > 100) {
    return validationError(
      "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: " +
        'Member must have length less than or equal to 100',
    );
  }
  return undefined;
}

export const duplicateItemError = (): JsonResponse => validationError('Transaction request cannot include multiple operations on one item');

export function transactionCanceled(reasons: CancellationReason[]): JsonResponse {
  const codes = reasons.map((reason) => reason.Code).join(', ');
  return {
    status: 400,
    body: {
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
      CancellationReasons: reasons,
    },
  };
}

/** An error from dynalite, passed on unchanged. */
export function passThrough(result: { status: number; data: Record<string, unknown> }): JsonResponse {
  return { status: result.status, body: result.data };
}
