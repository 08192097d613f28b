// One lock that every request to the emulator passes through, so a transaction
// (many dynalite calls) is isolated from all other reads and writes.

export interface Mutex {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task);
      // The next task waits for this one whether it succeeded or failed.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
