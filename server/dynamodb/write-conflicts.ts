// How often DynamoDB refused a write for a condition: ConditionalCheckFailed
// on a single write, TransactionCanceled on a transaction. What shows that
// concurrent requests really overlapped (two read the same version, one lost):
// the dev console reports it, and the benchmark's race reads it.

export interface WriteConflicts {
  conditionalCheckFailed: number;
  transactionsCanceled: number;
}

export interface WriteConflictCounter {
  /** Looks at one answer of the DynamoDB endpoint: its status and `__type`. */
  record(status: number, body: string | Buffer): void;
  counts(): WriteConflicts;
}

export function createWriteConflictCounter(): WriteConflictCounter {
  const counts: WriteConflicts = { conditionalCheckFailed: 0, transactionsCanceled: 0 };
  return {
    record(status, body) {
      if (status !== 400) return;
      // The error's name, `…#ConditionalCheckFailedException`, is in the first bytes of its JSON body.
      const head = (typeof body === 'string' ? body : body.toString('utf8', 0, 200)).slice(0, 200);
      if (head.includes('#ConditionalCheckFailedException')) counts.conditionalCheckFailed += 1;
      else if (head.includes('#TransactionCanceledException')) counts.transactionsCanceled += 1;
    },
    counts: () => ({ ...counts }),
  };
}
