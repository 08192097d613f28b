// What a process and its descendants hold in memory, read from /proc (Linux):
// PSS (proportional set size: a page shared by n processes counts 1/n in
// each, so the sum is what the tree costs the machine) and RSS (each process's
// resident pages, shared ones counted in every process). The tree is walked
// through each thread's `children` file, a few reads per process instead of a
// scan of every process on the machine. Off Linux, or without those files,
// the functions answer null.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessMemory {
  pid: number;
  pssMb: number;
  rssMb: number;
}

export interface TreeMemory {
  pssMb: number;
  rssMb: number;
  processes: ProcessMemory[];
}

const read = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // exited meanwhile, or no such file here
  }
};

/** The process's children, of every thread (a child may have been started from any). */
function childrenOf(pid: number): number[] {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return threads.flatMap((tid) =>
    (read(`/proc/${pid}/task/${tid}/children`) ?? '')
      .split(' ')
      .filter((entry) => entry !== '')
      .map(Number),
  );
}

export function processMemory(pid: number): ProcessMemory | undefined {
  const rollup = read(`/proc/${pid}/smaps_rollup`);
  if (rollup === undefined) return undefined;
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0);
  return { pid, pssMb: kb('Pss') / 1024, rssMb: kb('Rss') / 1024 };
}

/** The process and every descendant, or null where /proc cannot tell (another OS). */
export function treeMemory(rootPid: number): TreeMemory | null {
  if (process.platform !== 'linux' || read(`/proc/${rootPid}/task/${rootPid}/children`) === undefined) return null;
  const processes: ProcessMemory[] = [];
  const seen = new Set<number>();
  for (const pending = [rootPid]; pending.length > 0; ) {
    const pid = pending.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const memory = processMemory(pid);
    if (!memory) continue;
    processes.push(memory);
    pending.push(...childrenOf(pid));
  }
  return {
    pssMb: processes.reduce((sum, memory) => sum + memory.pssMb, 0),
    rssMb: processes.reduce((sum, memory) => sum + memory.rssMb, 0),
    processes,
  };
}
