// A test that polls a state until it settles (`expect.poll`) sees the state
// in between as often as timing allows: none, once, or several times. Its
// calls are marked as one poll, so that comparing two runs (npm run parity)
// weighs only the answer the poll settled on.
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<number>();
let polls = 0;

/** Runs `settle` as one poll: every call it makes to the API is marked with the poll's number. */
export function polling<T>(settle: () => Promise<T>): Promise<T> {
  polls += 1;
  return current.run(polls, settle);
}

/** The poll a call is made in, if any. */
export const currentPoll = (): number | undefined => current.getStore();
