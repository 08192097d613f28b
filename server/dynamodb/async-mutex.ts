// One lock that every request to the emulator passes through, so a transaction
// (many dynalite calls) is isolated from all other reads and writes. Waiting
// for it is bounded: a caller that cannot get the lock in time gets a
// LockTimeoutError (the front answers it as DynamoDB answers an internal
// failure, which the SDK retries) instead of queueing behind a stuck holder
// forever, and never runs its task afterwards.

export interface Mutex {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
}

export interface MutexOptions {
  /** How long a task may wait for the lock; no bound when absent. */
  waitTimeoutMs?: number;
}

export function createMutex(options: MutexOptions = {}): Mutex {
  let tail: Promise<void> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const previous = tail;
      let release!: () => void;
      // The next task waits for this one whether it succeeded, failed or gave up waiting.
      tail = new Promise<void>((resolve) => {
        release = resolve;
      });
      return new Promise<T>((resolve, reject) => {
        let gaveUp = false;
        const timer =
          options.waitTimeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                gaveUp = true;
                reject(new LockTimeoutError(`waited ${options.waitTimeoutMs} ms for the lock`));
              }, options.waitTimeoutMs);
        void previous.then(async () => {
          clearTimeout(timer);
          if (gaveUp) return release();
          try {
            resolve(await task());
          } catch (error) {
            reject(error);
          } finally {
            release();
          }
        });
      });
    },
  };
}
