// What a process and all its descendants use, read from /proc (Linux): the
// emulator's main process, its Lambda execution environments and anything else
// it started. CPU counts children that have exited and been reaped through
// their parent's cutime/cstime. Every function answers null off Linux.
import { readFileSync, readdirSync } from 'node:fs';
import { treeMemory } from '../server/lambda/process-memory.ts';

/** Clock ticks per second of /proc's times (sysconf(_SC_CLK_TCK), 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcessStat {
  parent: number;
  /** The process's own CPU and that of its reaped children. */
  ticks: number;
  /** The process's own CPU only (utime + stime). */
  ownTicks: number;
}

function readProcesses(): Map<number, ProcessStat> {
  const processes = new Map<number, ProcessStat>();
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
    const ownTicks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    processes.set(Number(entry), { parent: Number(fields[1]), ticks, ownTicks });
  }
  return processes;
}

function treeOf(rootPid: number, processes: Map<number, ProcessStat>): number[] {
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, stat] of processes) {
      if (!tree.has(pid) && tree.has(stat.parent)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree].filter((pid) => processes.has(pid));
}

/**
 * Milliseconds of CPU used by `rootPid` and its descendants (total), and by
 * the root process itself (root): for the emulator, its main process (gateway,
 * DynamoDB and S3) as against the execution environments and tools it started.
 */
export function processTreeCpuMs(rootPid: number): { total: number; root: number } | null {
  if (process.platform !== 'linux') return null;
  const processes = readProcesses();
  const ticks = treeOf(rootPid, processes).reduce((sum, pid) => sum + (processes.get(pid)?.ticks ?? 0), 0);
  const ms = (value: number) => (value * 1000) / TICKS_PER_SECOND;
  return { total: ms(ticks), root: ms(processes.get(rootPid)?.ownTicks ?? 0) };
}

export interface TreeUsage {
  /** Resident memory summed over the processes (pages they share, node's own code among them, count once per process). */
  rssMb: number;
  /** Proportional set size summed: shared pages split between the processes that share them, what the tree costs the machine. */
  pssMb: number;
  fds: number;
  processes: number;
}

/** Memory, open file descriptors and process count of the tree now. */
export function processTreeUsage(rootPid: number): TreeUsage | null {
  const tree = treeMemory(rootPid);
  if (!tree) return null;
  let fds = 0;
  for (const { pid } of tree.processes) {
    try {
      fds += readdirSync(`/proc/${pid}/fd`).length;
    } catch {
      // exited meanwhile
    }
  }
  return { rssMb: tree.rssMb, pssMb: tree.pssMb, fds, processes: tree.processes.length };
}
