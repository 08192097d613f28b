// Parity of two runs end to end: read both runs' records and the accepted
// differences, compare, and write the report (parity.md and parity.json) in
// a folder. Throws RecordsError for bad input; the caller decides the exit.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readAcceptedDifferences } from './accepted-differences.ts';
import { compareRuns } from './compare-runs.ts';
import { type ParityReport, parityMarkdown, parityReport } from './parity-report.ts';
import { readRunRecords } from './run-records.ts';

export const ACCEPTED_FILE = 'e2e/parity-accepted.json';

export interface ParityOptions {
  runA: string;
  runB: string;
  acceptedFile: string;
  /** Where parity.md and parity.json go. */
  outDir: string;
}

export function runParity(options: ParityOptions): ParityReport & { files: string[] } {
  const accepted = readAcceptedDifferences(options.acceptedFile);
  const a = { ...readRunRecords(options.runA), location: options.runA };
  const b = { ...readRunRecords(options.runB), location: options.runB };
  const report = parityReport({ a, b }, compareRuns(a, b), accepted);
  mkdirSync(options.outDir, { recursive: true });
  const files = [path.join(options.outDir, 'parity.md'), path.join(options.outDir, 'parity.json')];
  writeFileSync(files[0]!, parityMarkdown(report));
  writeFileSync(files[1]!, `${JSON.stringify(report, null, 2)}\n`);
  return { ...report, files };
}
