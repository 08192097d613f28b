// CPU time (user + system) a process and all its descendants have used so far,
// read from /proc (Linux): the emulator's main process, its Lambda execution
// environments and anything else it started. Children that have exited and
// been reaped count through their parent's cutime/cstime.
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's times (sysconf(_SC_CLK_TCK), 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcessTimes {
  parent: number;
  ticks: number;
}

function readProcesses(): Map<number, ProcessTimes> {
  const processes = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces): state, ppid, …, utime (14), stime, cutime, cstime (17).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
    processes.set(Number(entry), { parent: Number(fields[1]), ticks });
  }
  return processes;
}

/** Milliseconds of CPU used by `rootPid` and its descendants, or null where /proc is not there. */
export function processTreeCpuMs(rootPid: number): number | null {
  if (process.platform !== 'linux') return null;
  const processes = readProcesses();
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, times] of processes) {
      if (!tree.has(pid) && tree.has(times.parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const pid of tree) ticks += processes.get(pid)?.ticks ?? 0;
  return (ticks * 1000) / TICKS_PER_SECOND;
}
