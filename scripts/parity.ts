// npm run parity -- <run A> <run B> [--accepted <file>] [--out <dir>]
// Compares two runs of the suite (their report folders, or their
// exchanges.json) exchange by exchange: prints what differs per operation and
// writes <out>/parity.md and parity.json (default out: reports). Exit 0: no
// difference but those accepted (default e2e/parity-accepted.json); 1: other
// differences; 2: bad input (a folder without records, records of another
// format, runs of different suites, a bad accepted file).
import { parseArgs } from 'node:util';
import { ACCEPTED_FILE, runParity } from '../e2e/parity/run-parity.ts';
import { differenceLine, summaryLine } from '../e2e/parity/parity-report.ts';
import { RecordsError } from '../e2e/parity/run-records.ts';

const USAGE = 'usage: npm run parity -- <run A> <run B> [--accepted <file>] [--out <dir>]';

function main(): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2) {
    console.error(`two runs to compare, got ${positionals.length}\n${USAGE}`);
    return 2;
  }
  try {
    const report = runParity({ runA: positionals[0]!, runB: positionals[1]!, acceptedFile: values.accepted, outDir: values.out });
    for (const group of report.differences) console.log(differenceLine(group));
    console.log(`${summaryLine(report)}; ${report.files.join(', ')}`);
    return report.differences.length === 0 ? 0 : 1;
  } catch (error) {
    if (!(error instanceof RecordsError)) throw error;
    console.error(`parity: ${error.message}`);
    return 2;
  }
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: { accepted: { type: 'string', default: ACCEPTED_FILE }, out: { type: 'string', default: 'reports' } },
  });
}

process.exit(main());
