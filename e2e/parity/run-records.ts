// A run's exchange records: one file, `exchanges.json`, beside the run's
// coverage report, written by the coverage reporter at the end of each run of
// the suite (local, zips, remote). It names the suite it came from (a hash of
// the suite's sources), how each test ended, and every exchange. Reading it
// checks all of that, so that a folder without records, records of another
// format, or a file that is not one say so instead of comparing as "nothing".
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Exchange } from './exchange.ts';

export const RECORDS_FILE = 'exchanges.json';
/** Bumped whenever what an exchange holds changes: records of another format do not compare. */
export const RECORDS_FORMAT = 1;

export interface TestOutcome {
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  /** Why the suite skipped it, as its `test.skip` says. */
  reason?: string;
  /** Its last attempt: the one whose exchanges count. */
  retry?: number;
}

export interface RunRecords {
  format: number;
  /** The suite's sources, hashed: two runs compare only when it is the same. */
  suite: string;
  /** Where the run sent its requests. */
  target: string;
  /** How the run ended, as Playwright says: one that did not finish does not compare. */
  status: 'passed' | 'failed' | 'timedout' | 'interrupted';
  finishedAt: string;
  /** Every test of the run's selection, by title, with how it ended. */
  tests: Record<string, TestOutcome>;
  exchanges: Exchange[];
}

/** Bad input to parity: a message for the user, exit 2. */
export class RecordsError extends Error {}

/** A test's name in the records: its file and titles (Playwright's title path without the root and project). */
export function testTitle(titlePath: readonly string[]): string {
  return titlePath.filter((title) => title !== '').join(' › ');
}

/**
 * The hash of the suite's sources: every .ts under its folder except node:test files, and the contract the
 * recorder reads operations and enums from.
 */
export function suiteHash(testDir: string, contractFile: string): string {
  const hash = createHash('sha256').update(readFileSync(contractFile));
  const files = (readdirSync(testDir, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort();
  for (const name of files) hash.update(`${name.split(path.sep).join('/')}\0`).update(readFileSync(path.join(testDir, name)));
  return hash.digest('hex').slice(0, 16);
}

const body = z.union([
  z.strictObject({ media: z.string(), fields: z.record(z.string(), z.string()), values: z.record(z.string(), z.string()) }),
  z.strictObject({ media: z.string(), size: z.string() }),
]);
const exchange = z.strictObject({
  test: z.string(),
  retry: z.number().int().nonnegative(),
  step: z.string(),
  overlapped: z.boolean(),
  poll: z.number().int().optional(),
  operationId: z.string(),
  method: z.string(),
  route: z.string(),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  body,
});
const records = z.object({
  format: z.literal(RECORDS_FORMAT),
  suite: z.string(),
  target: z.string(),
  status: z.enum(['passed', 'failed', 'timedout', 'interrupted']),
  finishedAt: z.string(),
  tests: z.record(
    z.string(),
    z.object({
      status: z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted']),
      reason: z.string().optional(),
      retry: z.number().int().nonnegative().optional(),
    }),
  ),
  exchanges: z.array(exchange),
});

/** A file parity reads, parsed; one that is not JSON is bad input that says so. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RecordsError(`${file}: not JSON (${(error as Error).message})`);
  }
}

/** A run's records from its report folder (or the file itself); throws RecordsError saying what is wrong. */
export function readRunRecords(location: string): RunRecords & { file: string } {
  const file = existsSync(location) && statSync(location).isDirectory() ? path.join(location, RECORDS_FILE) : location;
  if (!existsSync(file)) {
    throw new RecordsError(
      `${location}: no exchange records (${RECORDS_FILE}). A run of the suite writes them beside its coverage report: ` +
        'npm run test:e2e (reports/), or against a stage with E2E_BASE_URL and E2E_REPORT_DIR.',
    );
  }
  const parsed = readJsonFile(file);
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format !== RECORDS_FORMAT) {
    throw new RecordsError(
      `${file}: records of format ${JSON.stringify(format)}; this checkout reads format ${RECORDS_FORMAT}. Run the suite again from this checkout.`,
    );
  }
  const checked = records.safeParse(parsed);
  if (!checked.success) throw new RecordsError(`${file}: not exchange records: ${z.prettifyError(checked.error).split('\n')[0]}`);
  if (checked.data.exchanges.length === 0) throw new RecordsError(`${file}: the run recorded no exchange (did any test call the API?)`);
  const neverRan = Object.values(checked.data.tests).filter((test) => test.status === 'interrupted').length;
  if (checked.data.status === 'interrupted' || checked.data.status === 'timedout' || neverRan > 0) {
    throw new RecordsError(
      `${file}: the run did not finish (${checked.data.status}${neverRan > 0 ? `, ${neverRan} tests never ran` : ''}): its answers are not all there to compare`,
    );
  }
  return { ...(checked.data as RunRecords), file };
}

/** The records as JSON with one exchange per line: readable, and a diff of two runs' files stays small. */
export function formatRunRecords(run: RunRecords): string {
  const { exchanges, ...head } = run;
  const opening = JSON.stringify(head, null, 1).replace(/\n}$/, '');
  return `${opening},\n "exchanges": [\n${exchanges.map((item) => `  ${JSON.stringify(item)}`).join(',\n')}\n ]\n}\n`;
}
