// How long each component took to be ready, for the banner: listed in the
// order given whatever order they finish in.

export interface ReadyTimes {
  readonly readyMs: Record<string, number>;
  /** Awaits the work, noting how long it took under `component`. */
  timed<T>(component: string, work: Promise<T>): Promise<T>;
}

export function readyTimes(components: readonly string[]): ReadyTimes {
  const readyMs: Record<string, number> = Object.fromEntries(components.map((component) => [component, 0]));
  return {
    readyMs,
    async timed(component, work) {
      const started = performance.now();
      const value = await work;
      readyMs[component] = performance.now() - started;
      return value;
    },
  };
}
