// The emulator's memory as the Lambda service's account-wide budget sees it:
// the PSS of the emulator's process and everything it started (execution
// environments, the bundler), and what one more environment is expected to
// add (the largest environment measured so far). Reading /proc costs about
// 1 ms per process, on the emulator's event loop: a reading serves for a
// second, and environments started or stopped since are counted at their
// expected size, so that a burst of starts costs one reading, not one each.
// Where /proc cannot tell (another OS), the emulator's own RSS plus the
// environments at their expected size.
import { totalmem } from 'node:os';
import { processMemory, treeMemory } from './process-memory.ts';

export interface MemoryGauge {
  /** MB the emulator's processes hold now. */
  usedMb(): number;
  /** MB one more environment is expected to add. */
  environmentMb(): number;
  /** An environment started (counted at its expected size until the next reading). */
  started(): void;
  /** An environment stopped. */
  stopped(): void;
  /** The last reading of /proc (MB, and when: ms since the epoch), without reading again; none before the first. */
  lastReading?(): { usedMb: number; at: number } | undefined;
  /** Forgets the last reading: the next usedMb() reads /proc again (memory was just given back). */
  refresh?(): void;
}

export interface MemoryGaugeOptions {
  /** The emulator's process; this one by default. */
  rootPid?: number;
  /** The execution environments' processes now. */
  environmentPids: () => readonly number[];
  /** How long a reading serves; 1000 ms by default. */
  maxAgeMs?: number;
  now?: () => number;
}

/** Before any environment has been measured: about what one holds once its handler has loaded (docs/performance.md). */
export const FIRST_ENVIRONMENT_MB = 48;

/**
 * A quarter of the machine's memory, at least 1 GB: room for every function of a
 * few modules warm at once with several environments each, while the editor,
 * the browser and the test runner keep the rest.
 */
export const defaultMemoryBudgetMb = (): number => Math.max(1024, Math.floor(totalmem() / 1024 / 1024 / 4));

export function createMemoryGauge(options: MemoryGaugeOptions): MemoryGauge {
  const rootPid = options.rootPid ?? process.pid;
  const maxAgeMs = options.maxAgeMs ?? 1000;
  const now = options.now ?? Date.now;
  let reading: { at: number; usedMb: number } | undefined;
  /** Environments started less those stopped since the reading. */
  let changedSince = 0;
  let largestEnvironmentMb = 0;

  function measure(): number {
    const pids = options.environmentPids();
    const tree = treeMemory(rootPid);
    if (tree) {
      const environments = new Set(pids);
      for (const memory of tree.processes) {
        if (environments.has(memory.pid)) largestEnvironmentMb = Math.max(largestEnvironmentMb, memory.pssMb);
      }
      return tree.pssMb;
    }
    const own = processMemory(rootPid)?.rssMb ?? process.memoryUsage.rss() / 1024 / 1024;
    return own + pids.length * (largestEnvironmentMb || FIRST_ENVIRONMENT_MB);
  }

  return {
    usedMb() {
      if (!reading || now() - reading.at > maxAgeMs) {
        reading = { at: now(), usedMb: measure() };
        changedSince = 0;
      }
      return reading.usedMb + changedSince * (largestEnvironmentMb || FIRST_ENVIRONMENT_MB);
    },
    environmentMb: () => largestEnvironmentMb || FIRST_ENVIRONMENT_MB,
    started() {
      changedSince += 1;
    },
    stopped() {
      changedSince -= 1;
    },
    lastReading: () => reading,
    refresh() {
      reading = undefined;
      changedSince = 0;
    },
  };
}
