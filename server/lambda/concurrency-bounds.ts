// The bounds the Lambda service works within, as the emulator starts: the
// memory budget checked against what the emulator itself already holds (a
// budget that cannot hold one environment is refused at start, naming the
// least that can), and the line the banner gives them in.
import { FIRST_ENVIRONMENT_MB } from './memory-gauge.ts';
import { treeMemory } from './process-memory.ts';

export interface ConcurrencyBounds {
  budgetMb: number;
  /** Whether the budget is the default one (sized from the machine) or chosen. */
  budgetChosen: boolean;
  maxEnvironments?: number;
  maxEnvironmentsPerFunction?: number;
}

/** MB the emulator's processes hold now: PSS where /proc tells it, else this process's RSS. */
export function emulatorMemoryMb(): number {
  return treeMemory(process.pid)?.pssMb ?? process.memoryUsage.rss() / 1024 / 1024;
}

/** Why the budget cannot work, in one line; undefined when it holds the emulator and one environment. */
export function budgetTooSmall(budgetMb: number, usedMb: number): string | undefined {
  const least = Math.ceil(usedMb + FIRST_ENVIRONMENT_MB);
  if (budgetMb >= least) return undefined;
  return `--memory-budget ${budgetMb} MB cannot hold one execution environment: the emulator itself holds ${Math.round(usedMb)} MB and an environment about ${FIRST_ENVIRONMENT_MB} MB; use at least ${least}`;
}

export function concurrencyLine(bounds: ConcurrencyBounds, usedMb: number): string {
  const perFunction =
    bounds.maxEnvironmentsPerFunction === undefined
      ? 'an environment per concurrent request'
      : `at most ${bounds.maxEnvironmentsPerFunction} environments per function`;
  const cap = bounds.maxEnvironments === undefined ? '' : `, at most ${bounds.maxEnvironments} in all`;
  const budget = `${bounds.budgetMb} MB${bounds.budgetChosen ? '' : " (a quarter of this machine's memory; --memory-budget)"}`;
  return `  functions: ${perFunction}${cap}, within a memory budget of ${budget}; the emulator holds ${Math.round(usedMb)} MB now`;
}
