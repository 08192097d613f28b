// A write that lost on its condition is an answer (a conflict), not an
// infrastructure error: the one place that tells the two apart.

function isConditionalFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConditionalCheckFailedException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = cancellationReasons(error) ?? [];
  // Without reasons, treat the cancellation as a condition failure only if the message says so.
  if (reasons.length === 0) return /ConditionalCheckFailed/.test(error.message);
  return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict');
}

/** The write's result, or `lost(error)` when it failed on a condition; any other error is thrown. */
export async function unlessConditionFails<T, L>(write: Promise<T>, lost: (error: Error) => L): Promise<T | L> {
  try {
    return await write;
  } catch (error) {
    if (isConditionalFailure(error)) return lost(error as Error);
    throw error;
  }
}

/** Per-item reasons of a cancelled transaction, in the order of its items. */
export const cancellationReasons = (error: Error): { Code?: string }[] | undefined =>
  (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
