// The statuses an operation documents under `responses`. What a fuzzed
// request should get back is the caller's business; these let it say "one of
// the documented 4xx" without copying the contract.
import { isObject } from './contract-document.ts';

/** The numeric keys of `responses`, ascending; a `default` or `4XX` key is refused, as it would make any status documented. */
export function documentedStatuses(responses: unknown, at = 'responses'): number[] {
  if (!isObject(responses)) throw new Error(`${at}: an operation needs responses`);
  return Object.keys(responses)
    .map((key) => {
      if (!/^[1-5]\d\d$/.test(key)) throw new Error(`${at}: response key ${key} is not supported (only explicit statuses)`);
      return Number(key);
    })
    .sort((a, b) => a - b);
}

/** True when the operation lists this status. */
export function isDocumentedStatus(operation: { statuses: readonly number[] }, status: number): boolean {
  return operation.statuses.includes(status);
}

/** True for a 4xx the operation lists: what an invalid request must get. */
export function isDocumentedClientError(operation: { statuses: readonly number[] }, status: number): boolean {
  return status >= 400 && status < 500 && isDocumentedStatus(operation, status);
}
