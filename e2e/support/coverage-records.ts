// Every answer the API gives a test is recorded, one JSON line per call in a
// file per worker: its method, path and status for the coverage report, and
// the exchange (e2e/parity/exchange.ts) the run's exchange records are made
// of. The folder is made once per run by the config and reaches the workers
// through the environment.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Exchange } from '../parity/exchange.ts';

export interface CallRecord {
  method: string;
  path: string;
  status: number;
  exchange?: Exchange;
}

export const COVERAGE_DIR_VARIABLE = 'E2E_COVERAGE_DIR';

export function recordCall(call: CallRecord): void {
  const dir = process.env[COVERAGE_DIR_VARIABLE];
  if (dir) appendFileSync(path.join(dir, `${process.pid}.jsonl`), `${JSON.stringify(call)}\n`);
}

export function readCalls(dir: string): CallRecord[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(path.join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as CallRecord),
    );
}
