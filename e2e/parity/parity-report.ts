// A comparison of two runs as a report: the differences grouped by operation
// and by what differs (one line for the same difference in many exchanges,
// with a few of them named), those accepted with their reason, the tests not
// compared and why. As JSON for tools and markdown for people.
import { type AcceptedDifference, acceptedBy } from './accepted-differences.ts';
import type { Comparison, Difference } from './compare-runs.ts';
import type { RunRecords } from './run-records.ts';

export interface DifferenceGroup {
  operation: string;
  kind: Difference['kind'];
  subject: string;
  a: string;
  b: string;
  /** How many exchanges differ this way. */
  count: number;
  /** Some of them, as test and step. */
  examples: { test: string; step: string }[];
  /** Set when e2e/parity-accepted.json accepts it. */
  reason?: string;
}

export interface RunSummary {
  location: string;
  target: string;
  finishedAt: string;
}

export interface ParityReport {
  a: RunSummary;
  b: RunSummary;
  comparedTests: number;
  comparedExchanges: number;
  /** Calls made more often in one run, with an answer the other run got too (polls, pages). */
  repeated: number;
  differences: DifferenceGroup[];
  accepted: DifferenceGroup[];
  /** Accepted entries that matched no difference: stale, or a difference now gone. */
  unusedAccepted: AcceptedDifference[];
  notCompared: { why: string; tests: string[] }[];
  /** Tests compared that passed in one run and failed in the other: the suite's verdict, beside parity's. */
  failedInOne: { why: string; tests: string[] }[];
}

const EXAMPLES = 3;

export function parityReport(
  runs: { a: RunRecords & { location: string }; b: RunRecords & { location: string } },
  comparison: Comparison,
  accepted: readonly AcceptedDifference[],
): ParityReport {
  const groups = new Map<string, DifferenceGroup>();
  const used = new Set<AcceptedDifference>();
  for (const difference of comparison.differences) {
    const entry = acceptedBy(accepted, difference);
    if (entry) used.add(entry);
    const key = JSON.stringify([difference.operation, difference.kind, difference.subject, difference.a, difference.b, entry?.reason]);
    const group = groups.get(key) ?? {
      operation: difference.operation,
      kind: difference.kind,
      subject: difference.subject,
      a: difference.a,
      b: difference.b,
      count: 0,
      examples: [],
      ...(entry ? { reason: entry.reason } : {}),
    };
    group.count += 1;
    if (group.examples.length < EXAMPLES) group.examples.push({ test: difference.test, step: difference.step });
    groups.set(key, group);
  }
  const sorted = [...groups.values()].sort((x, y) => x.operation.localeCompare(y.operation) || x.kind.localeCompare(y.kind));
  const byWhy = (entries: readonly { test: string; why: string }[]) => {
    const grouped = new Map<string, string[]>();
    for (const { test, why } of entries) grouped.set(why, [...(grouped.get(why) ?? []), test]);
    return [...grouped].map(([why, tests]) => ({ why, tests }));
  };
  const summary = (run: RunRecords & { location: string }): RunSummary => ({
    location: run.location,
    target: run.target,
    finishedAt: run.finishedAt,
  });
  return {
    a: summary(runs.a),
    b: summary(runs.b),
    comparedTests: comparison.comparedTests,
    comparedExchanges: comparison.comparedExchanges,
    repeated: comparison.repeated,
    differences: sorted.filter((group) => group.reason === undefined),
    accepted: sorted.filter((group) => group.reason !== undefined),
    unusedAccepted: accepted.filter((entry) => !used.has(entry)),
    notCompared: byWhy(comparison.notCompared),
    failedInOne: byWhy(comparison.failedInOne),
  };
}

export function summaryLine(report: ParityReport): string {
  const count = (groups: DifferenceGroup[]) => groups.reduce((sum, group) => sum + group.count, 0);
  return (
    `parity of ${report.a.location} and ${report.b.location}: ${report.comparedTests} tests, ${report.comparedExchanges} exchanges compared` +
    `${report.repeated > 0 ? ` (and ${report.repeated} repeated calls, a poll or a page more in one run)` : ''}; ` +
    `${report.differences.length} differences (${count(report.differences)} exchanges), ${report.accepted.length} accepted (${count(report.accepted)} exchanges); ` +
    `${report.notCompared.reduce((sum, group) => sum + group.tests.length, 0)} tests not compared` +
    report.failedInOne.map((group) => `; ${group.tests.length} tests ${group.why} only`).join('')
  );
}

/** One line per difference, for the terminal. */
export function differenceLine(group: DifferenceGroup): string {
  const what = group.kind === 'status' ? 'status' : `${group.kind} ${group.subject}`;
  return `${group.operation}: ${what}: ${group.a} → ${group.b} (${group.count} exchange${group.count === 1 ? '' : 's'}, e.g. ${group.examples[0]!.test}, ${group.examples[0]!.step})`;
}

export function parityMarkdown(report: ParityReport): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const examples = (group: DifferenceGroup) => group.examples.map((example) => `${cell(example.test)} (${example.step})`).join('<br>');
  const table = (groups: DifferenceGroup[], withReason: boolean) => [
    `| operation | what | A | B | exchanges | e.g. |${withReason ? ' reason |' : ''}`,
    `|---|---|---|---|---|---|${withReason ? '---|' : ''}`,
    ...groups.map(
      (group) =>
        `| ${cell(group.operation)} | ${group.kind}${group.kind === 'status' ? '' : ` \`${cell(group.subject)}\``} | \`${cell(group.a)}\` | \`${cell(group.b)}\` | ${group.count} | ${examples(group)} |${withReason ? ` ${cell(group.reason ?? '')} |` : ''}`,
    ),
  ];
  const lines = [
    '# Parity',
    '',
    `- A: \`${report.a.location}\`, ${report.a.target}, finished ${report.a.finishedAt}`,
    `- B: \`${report.b.location}\`, ${report.b.target}, finished ${report.b.finishedAt}`,
    '',
    'Compared in each pair of exchanges (the same step of the same test): the status; the headers content-type, cache-control, ' +
      'www-authenticate, CORS, retry-after, location and content-disposition; a JSON body as its paths and their types, with the ' +
      "values of enum fields and a problem's `code` (other bodies as media type and size class). Never ids, timestamps, " +
      'cursors, ETags, request ids or signed URLs. `unmatched` is a call to no operation of the contract.',
    '',
    summaryLine(report),
    '',
    '## Differences',
    '',
    ...(report.differences.length === 0 ? ['None.'] : table(report.differences, false)),
  ];
  if (report.accepted.length > 0) lines.push('', '## Accepted (e2e/parity-accepted.json)', '', ...table(report.accepted, true));
  if (report.unusedAccepted.length > 0) {
    lines.push(
      '',
      '## Accepted entries that matched nothing in these runs',
      '',
      ...report.unusedAccepted.map((entry) => `- \`${JSON.stringify(entry)}\``),
    );
  }
  if (report.failedInOne.length > 0) {
    lines.push('', '## Tests that passed in one run and failed in the other', '');
    for (const { why, tests } of report.failedInOne) lines.push(`- ${cell(why)} (${tests.length}): ${tests.map(cell).join('; ')}`);
  }
  if (report.notCompared.length > 0) {
    lines.push('', '## Tests not compared', '');
    for (const { why, tests } of report.notCompared) lines.push(`- ${cell(why)} (${tests.length}): ${tests.map(cell).join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}
