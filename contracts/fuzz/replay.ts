// Run settings for fast-check, from strings the caller reads (environment
// variables, CLI flags): a failure report gives `seed` and `path`, and passing
// them back replays exactly the failing request, shrunk as it was.
import type fc from 'fast-check';

export interface ReplaySettings {
  /** e.g. process.env.FUZZ_SEED; a fresh seed each run when absent (fast-check reports it on failure). */
  seed?: string | undefined;
  /** e.g. process.env.FUZZ_PATH, the `path` of a failure report; needs its seed. */
  path?: string | undefined;
  /** e.g. process.env.FUZZ_RUNS. */
  runs?: string | undefined;
}

export function fuzzParameters(settings: ReplaySettings, defaultRuns = 50): fc.Parameters<unknown> {
  const integer = (name: string, text: string) => {
    if (!/^-?\d+$/.test(text.trim())) throw new Error(`${name} must be an integer, got ${JSON.stringify(text)}`);
    return Number(text);
  };
  const numRuns = settings.runs ? integer('runs', settings.runs) : defaultRuns;
  if (settings.path && !settings.seed) throw new Error('a replay path needs the seed it was reported with');
  return {
    numRuns,
    ...(settings.seed ? { seed: integer('seed', settings.seed) } : {}),
    ...(settings.path ? { path: settings.path, endOnFailure: true } : {}),
  };
}
