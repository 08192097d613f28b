// A full garbage collection of the emulator's own process, on demand. With a
// heap limit of gigabytes V8 has no reason to collect its old space early, and
// under load it grew by about 16 KB of garbage a request (12,000 requests at
// 50 connections: 356 MB PSS; with the old space capped at 160 MB the same
// load held 184 MB): the memory budget counts it, so it crowded environments
// out. A collection is a pause (100-300 ms for a few hundred MB), asked for
// only when the budget is near.
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

export function collectOwnGarbage(): void {
  if (!gc) {
    // The flag makes `gc` a global of contexts created from now on; the emulator's own stays as it was.
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}
