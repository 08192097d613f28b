// A transaction or write that lost on its condition (not an infrastructure error).
export function isConditionalFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConditionalCheckFailedException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  // Without reasons, treat the cancellation as a condition failure only if the message says so.
  if (reasons.length === 0) return /ConditionalCheckFailed/.test(error.message);
  return reasons.some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict');
}
