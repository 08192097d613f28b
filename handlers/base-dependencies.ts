// What every function is built from, once per execution environment at cold
// start: its environment, the clock, the table's client and the read-only
// stores of disputes and the directory. Functions add what else they use
// (with-evidence.ts, with-writes.ts, their own use case's store), so that a
// function's bundle holds only the calls it makes — and its role only the
// permissions those need.
import { createDirectoryReads } from './data/directory-reads.ts';
import { createDisputeReads } from './data/dispute-reads.ts';
import { openTable } from './data/table.ts';
import { systemClock } from './domain/clock.ts';
import { readClaimNames } from './http/caller-claims.ts';
import { readFunctionEnvironment, type FunctionEnvironment } from './function-environment.ts';

export type BaseDependencies = ReturnType<typeof baseDependencies>;

export function baseDependencies(env: FunctionEnvironment = readFunctionEnvironment()) {
  const table = openTable(env.TABLE_NAME);
  return {
    env,
    table,
    clock: systemClock,
    claimNames: readClaimNames(),
    disputes: createDisputeReads(table),
    directory: createDirectoryReads(table),
  };
}
