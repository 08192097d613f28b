// A full garbage collection of the emulator's own process, on demand. With a
// heap limit of gigabytes V8 has no reason to collect its old space early, and
// under load it grew by about 16 KB of garbage a request (12,000 requests at
// 50 connections: 356 MB PSS; with the old space capped at 160 MB the same
// load held 184 MB): the memory budget counts it, so it crowded environments
// out. A collection is a pause (100-300 ms for a few hundred MB), asked for
// only when the budget has no room for another environment, and only when
// the heap has grown since the last one.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;
/** The heap in use after the last collection asked for here. */
let heapAfterMb = 0;
/** Less growth than this since the last collection is not worth a pause. */
const WORTH_COLLECTING_MB = 32;

/** Collects when the heap has grown enough since the last time to be worth a pause; true when it did. */
export function collectOwnGarbage(): boolean {
  const heapMb = () => getHeapStatistics().used_heap_size / 1024 / 1024;
  if (heapMb() - heapAfterMb < WORTH_COLLECTING_MB) return false;
  if (!gc) {
    // The flag makes `gc` a global of contexts created from now on; the emulator's own stays as it was.
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  heapAfterMb = heapMb();
  return true;
}
