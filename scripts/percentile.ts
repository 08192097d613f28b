// The percentile the benchmarks and the latency check report: nearest rank
// (the smallest value with at least p % of the values at or below it).

/** The p-th percentile of `values` (any order); undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
