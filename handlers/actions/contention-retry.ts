// Writes conditioned on the dispute's counters can lose to a concurrent
// message or upload that changed nothing the caller cares about; such writes
// are retried after a short random pause so that competing writers spread out.
export const MAX_ATTEMPTS = 8;

export function pauseBeforeRetry(attempt: number): Promise<void> {
  const ceiling = Math.min(200, 10 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
