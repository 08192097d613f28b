// A latency run as a table against the seed's targets: per route the first
// call apart (it may meet a cold start: < 1 s), then the later calls' p50
// (warm: < 100 ms), p95 (< 500 ms), p99 and max, the unexpected answers, and
// what was missed. A route with an unexpected answer, or with no call after
// its first, counts as missed.
import { percentile } from './percentile.ts';
import { type LatencyRun, type RouteLatency, TARGETS } from './stage-latency-run.ts';

export interface LatencyRow {
  route: string;
  first?: { ms: number; status: number | string };
  calls: number;
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
  errors: Record<string, number>;
  /** The targets missed, empty when all are met. */
  missed: string[];
}

export function latencyRow(route: RouteLatency): LatencyRow {
  const sorted = [...route.later].sort((a, b) => a - b);
  const [p50, p95, p99] = [percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)];
  const missed: string[] = [];
  if (route.first && route.first.ms >= TARGETS.firstCallMs) missed.push(`first call ≥ ${TARGETS.firstCallMs} ms`);
  if (p50 !== undefined && p50 >= TARGETS.warmP50Ms) missed.push(`warm p50 ≥ ${TARGETS.warmP50Ms} ms`);
  if (p95 !== undefined && p95 >= TARGETS.p95Ms) missed.push(`p95 ≥ ${TARGETS.p95Ms} ms`);
  // A route called once is not measured warm: it cannot pass what it was not measured against.
  if (route.later.length === 0) missed.push('no call after the first (a longer or faster run)');
  const errors = Object.values(route.errors).reduce((sum, n) => sum + n, 0);
  if (errors > 0) missed.push(`${errors} unexpected answer${errors === 1 ? '' : 's'}`);
  return {
    route: route.route,
    ...(route.first ? { first: route.first } : {}),
    calls: route.later.length + (route.first ? 1 : 0),
    p50,
    p95,
    p99,
    max: sorted.at(-1),
    errors: route.errors,
    missed,
  };
}

const ms = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value)} ms`);

export function latencyTable(run: LatencyRun): { text: string; missed: boolean } {
  const rows = run.routes.map(latencyRow);
  const header = ['route', 'first call', 'calls', 'p50', 'p95', 'p99', 'max', 'verdict'];
  const cells = rows.map((row) => [
    row.route,
    row.first ? `${ms(row.first.ms)}${typeof row.first.status === 'number' ? '' : ` (${row.first.status})`}` : '–',
    String(row.calls),
    ms(row.p50),
    ms(row.p95),
    ms(row.p99),
    ms(row.max),
    row.missed.length === 0
      ? 'met'
      : `MISSED: ${row.missed.join('; ')}${
          Object.keys(row.errors).length > 0
            ? ` (${Object.entries(row.errors)
                .map(([status, n]) => `${status} ×${n}`)
                .join(', ')})`
            : ''
        }`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  const text = [
    line(header),
    ...cells.map(line),
    '',
    `targets (the seed's): first call of a route < ${TARGETS.firstCallMs} ms (a cold start, if its function had no warm environment); ` +
      `later calls p50 < ${TARGETS.warmP50Ms} ms (warm) and p95 < ${TARGETS.p95Ms} ms`,
    ...run.notes.map((note) => `note: ${note}`),
  ].join('\n');
  return { text, missed: rows.some((row) => row.missed.length > 0) };
}
