// Which operations and documented statuses a run's recorded calls exercised.
import { operationOf, type ContractOperation } from '../../contracts/contract-operations.ts';
import type { CallRecord } from './coverage-records.ts';

// Every operation gets requests without a token (auth and fuzz specs); their 401 comes from the
// authorizer, before the function, so it does not count as exercising the operation.
const UNAUTHORIZED = '401';

export interface CoverageRow {
  operation: string;
  operationId: string;
  calls: number;
  /** Calls the authorizer let through (any answer but its 401): the operation's function ran. */
  exercised: number;
  /** Every documented status with its number of calls (0: not exercised). */
  documented: Record<string, number>;
  /** Statuses the operation answered that it does not document. */
  undocumented: Record<string, number>;
}

export function contractCoverage(
  operations: readonly ContractOperation[],
  calls: readonly CallRecord[],
): { rows: CoverageRow[]; unmatched: Map<string, number> } {
  const seen = new Map<string, Map<string, number>>();
  const unmatched = new Map<string, number>();
  const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const call of calls) {
    const operation = operationOf(operations, call.method, call.path);
    if (!operation) {
      bump(unmatched, `${call.method} ${call.path} → ${call.status}`);
      continue;
    }
    const statuses = seen.get(operation.operationId) ?? new Map<string, number>();
    bump(statuses, String(call.status));
    seen.set(operation.operationId, statuses);
  }
  const rows = operations.map((operation) => {
    const statuses = seen.get(operation.operationId) ?? new Map<string, number>();
    return {
      operation: `${operation.method} ${operation.path}`,
      operationId: operation.operationId,
      calls: [...statuses.values()].reduce((sum, n) => sum + n, 0),
      exercised: [...statuses].filter(([status]) => status !== UNAUTHORIZED).reduce((sum, [, n]) => sum + n, 0),
      documented: Object.fromEntries(operation.statuses.map((status) => [status, statuses.get(status) ?? 0])),
      undocumented: Object.fromEntries([...statuses].filter(([status]) => !operation.statuses.includes(status))),
    };
  });
  return { rows, unmatched };
}
