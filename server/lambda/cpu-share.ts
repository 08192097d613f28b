// How much of a core an invocation keeps busy while it can run: its CPU time
// over the time it was not waiting for a core. Linux's /proc/self/schedstat
// gives both (time on a CPU, time runnable on a run queue, in ns); under
// contention an invocation's wall time grows by its wait for a core while its
// share stays what it is, so the emulator can size how many invocations run
// at once from it without chasing its own load. The figures are the main
// thread's (where a handler's JavaScript runs; not GC or libuv threads).
// Elsewhere: CPU time of all threads over wall time (process.cpuUsage).
import { openSync, readSync } from 'node:fs';

interface SchedulerTimes {
  /** ms on a CPU, and waiting for one, since the process started. */
  onCpuMs: number;
  queuedMs: number;
  /** performance.now() when read. */
  at: number;
}

const buffer = Buffer.alloc(96);
let schedstat: number | null | undefined;

function schedulerTimes(): SchedulerTimes {
  const at = performance.now();
  if (schedstat === undefined) {
    try {
      schedstat = openSync('/proc/self/schedstat', 'r');
    } catch {
      schedstat = null;
    }
  }
  if (schedstat !== null) {
    try {
      // Read again at offset 0: the kernel writes the figures anew for every read.
      const [onCpu, queued] = buffer
        .toString('latin1', 0, readSync(schedstat, buffer, 0, buffer.length, 0))
        .split(' ')
        .map(Number);
      if (Number.isFinite(onCpu) && Number.isFinite(queued)) return { onCpuMs: onCpu! / 1e6, queuedMs: queued! / 1e6, at };
    } catch {
      schedstat = null;
    }
  }
  const { user, system } = process.cpuUsage();
  return { onCpuMs: (user + system) / 1000, queuedMs: 0, at };
}

/** Starts measuring; the function returned gives the share of a core used since, from 0 to 1. */
export function startCpuShare(): () => number {
  const start = schedulerTimes();
  return () => {
    const end = schedulerTimes();
    const couldRunMs = end.at - start.at - (end.queuedMs - start.queuedMs);
    if (couldRunMs <= 0) return 1;
    return Math.min(1, Math.max(0, (end.onCpuMs - start.onCpuMs) / couldRunMs));
  };
}
