// Log lines written in batches: the lines of one turn of the event loop go out
// in a single write. Under load the emulator prints three lines per invocation
// (START, END, REPORT), and a write to a pipe or terminal is a system call that
// costs more than the line is worth; batching keeps the order and delays a line
// by less than a millisecond.
import type { Writable } from 'node:stream';

export interface BatchedLines {
  write(line: string): void;
  /** Writes what is pending now (before the process exits). */
  flush(): void;
}

export function batchedLines(stream: Pick<Writable, 'write'>): BatchedLines {
  let pending: string[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    stream.write(text);
  };
  return {
    write(line) {
      pending.push(`${line}\n`);
      scheduled ??= setImmediate(flush);
    },
    flush,
  };
}
