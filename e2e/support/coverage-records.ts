// Every answer the API gives a test is recorded (method, path, status), one
// JSON line per call in a file per worker, so that the coverage reporter can
// tell which operations and statuses the run exercised. The folder is made
// once per run by the config and reaches the workers through the environment.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface CallRecord {
  method: string;
  path: string;
  status: number;
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
