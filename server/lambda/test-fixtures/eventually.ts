// For tests: waits until a probe gives a value (anything but undefined, null
// or false), polling, so that a test waits for what happens rather than for a
// fixed time. The timeout is generous: it only bounds a test that would fail.
import { setTimeout as sleep } from 'node:timers/promises';

export async function eventually<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 30_000,
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value as Exclude<T, undefined | null | false>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await sleep(25);
  }
}
