// After each run: which of the contract's operations and documented statuses
// the tests exercised (every answer is recorded, coverage-records.ts), as a
// table in <report dir>/contract-coverage.md and .json and a summary line.
// A full run fails when an operation was not exercised at all; a run narrowed
// to some files or a grep only reports, as does E2E_COVERAGE=report. Beside
// it, the run's exchange records (exchanges.json), which `npm run parity`
// compares with another run's.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { fileURLToPath } from 'node:url';
import { contractOperations } from '../../contracts/contract-operations.ts';
import { CONTRACT_FILE } from '../../contracts/fuzz/contract-document.ts';
import type { Exchange } from '../parity/exchange.ts';
import { formatRunRecords, RECORDS_FILE, RECORDS_FORMAT, suiteHash, type TestOutcome, testTitle } from '../parity/run-records.ts';
import { contractCoverage, type CoverageRow } from './contract-coverage.ts';
import { COVERAGE_DIR_VARIABLE, readCalls } from './coverage-records.ts';

interface Options {
  outputDir: string;
}

const NARROWING_FLAGS = ['-g', '--grep', '--grep-invert', '--last-failed', '--only-changed', '--shard'];

export default class ContractCoverageReporter implements Reporter {
  private readonly outputDir: string;
  private full = false;
  private suite = '';
  private target = '';
  private readonly tests = new Map<string, TestOutcome>();

  constructor(options: Options) {
    this.outputDir = options.outputDir;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    const testDir = config.projects[0]?.testDir ?? '';
    const specFiles = readdirSync(testDir).filter((name) => name.endsWith('.spec.ts'));
    const running = new Set(suite.allTests().map((test) => path.basename(test.location.file)));
    const narrowed = process.argv.some((arg) => NARROWING_FLAGS.includes(arg.split('=')[0] ?? ''));
    this.full = !narrowed && specFiles.every((file) => running.has(file)) && process.env['E2E_COVERAGE'] !== 'report';
    this.suite = suiteHash(testDir, fileURLToPath(CONTRACT_FILE));
    // A run stopped before its end must not leave the previous run's records to be compared as its own.
    rmSync(path.join(this.outputDir, RECORDS_FILE), { force: true });
    this.target = String(config.projects[0]?.use.baseURL ?? '');
    // A test the run never reached (stopped, or past the global timeout) stays 'interrupted'.
    for (const test of suite.allTests()) this.tests.set(titleOf(test), { status: 'interrupted' });
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const reason = test.annotations.find((annotation) => annotation.type === 'skip')?.description;
    this.tests.set(titleOf(test), {
      status: result.status,
      retry: result.retry,
      ...(result.status === 'skipped' && reason ? { reason } : {}),
    });
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const dir = process.env[COVERAGE_DIR_VARIABLE];
    if (!dir) return undefined;
    const calls = readCalls(dir);
    rmSync(dir, { recursive: true, force: true });
    const { rows, unmatched } = contractCoverage(contractOperations(), calls);
    const documented = rows.flatMap((row) => Object.values(row.documented));
    const missing = rows.filter((row) => row.exercised === 0).map((row) => row.operation);
    const summary = `contract coverage: ${rows.length - missing.length} of ${rows.length} operations exercised, ${documented.filter((n) => n > 0).length} of ${documented.length} documented statuses`;

    mkdirSync(this.outputDir, { recursive: true });
    writeFileSync(
      path.join(this.outputDir, 'contract-coverage.json'),
      `${JSON.stringify({ operations: rows, unmatched: Object.fromEntries(unmatched) }, null, 2)}\n`,
    );
    writeFileSync(path.join(this.outputDir, 'contract-coverage.md'), renderMarkdown(summary, rows, unmatched));
    const exchanges = calls.flatMap((call): Exchange[] => (call.exchange ? [call.exchange] : []));
    writeFileSync(
      path.join(this.outputDir, RECORDS_FILE),
      formatRunRecords({
        format: RECORDS_FORMAT,
        suite: this.suite,
        target: this.target,
        status: result.status,
        finishedAt: new Date().toISOString(),
        tests: Object.fromEntries([...this.tests].sort(([a], [b]) => a.localeCompare(b))),
        exchanges: exchanges.sort((a, b) => a.test.localeCompare(b.test) || a.step.localeCompare(b.step, 'en', { numeric: true })),
      }),
    );
    process.stdout.write(`${summary}; ${path.relative(process.cwd(), path.join(this.outputDir, 'contract-coverage.md'))}\n`);
    if (missing.length === 0) return undefined;
    process.stdout.write(
      `not exercised at all (no call past the authorizer): ${missing.join(', ')}${this.full ? '' : ' (a narrowed run: reported only)'}\n`,
    );
    return this.full && result.status === 'passed' ? { status: 'failed' } : undefined;
  }

  printsToStdio(): boolean {
    return false;
  }
}

/** The test's title path below the root and project suites, as the workers name it (fixtures.ts). */
function titleOf(test: TestCase): string {
  const titles: string[] = [];
  for (let suite: Suite | undefined = test.parent; suite && suite.type !== 'project' && suite.type !== 'root'; suite = suite.parent) {
    titles.unshift(suite.title);
  }
  return testTitle([...titles, test.title]);
}

function renderMarkdown(summary: string, rows: CoverageRow[], unmatched: Map<string, number>): string {
  const lines = [
    `# Contract coverage`,
    '',
    summary,
    '',
    '| operation | calls | past the authorizer | documented statuses (calls) |',
    '|---|---|---|---|',
  ];
  for (const row of rows) {
    const statuses = Object.entries(row.documented)
      .map(([status, n]) => (n > 0 ? `**${status}** (${n})` : `${status} –`))
      .join(', ');
    const extra = Object.keys(row.undocumented).length > 0 ? `; undocumented: ${JSON.stringify(row.undocumented)}` : '';
    lines.push(`| \`${row.operation}\` (${row.operationId}) | ${row.calls} | ${row.exercised} | ${statuses}${extra} |`);
  }
  if (unmatched.size > 0) {
    lines.push('', 'Calls to no operation of the contract (gateway behaviour):', '');
    for (const [call, n] of unmatched) lines.push(`- ${call} (${n})`);
  }
  return `${lines.join('\n')}\n`;
}
