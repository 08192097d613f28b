// One request a test made and what a client could depend on in its answer:
// the unit two runs of the suite are compared by. `test` and `step` (the nth
// call of one operation within one test) place it; calls made one after the
// other pair with the other run's in that order, calls that overlapped
// another call of the test by their answers (compare-runs.ts).
import { type ContractOperation, operationOf } from '../../contracts/contract-operations.ts';
import type { EnumPaths } from './contract-enum-paths.ts';
import { mediaTypeOf } from '../../contracts/fuzz/media-type.ts';
import { type BodyShape, bodyShape, clientHeaders, routeOfPath } from './exchange-shape.ts';

export const UNMATCHED = 'unmatched';

export interface Exchange {
  /** The test's file and titles, `listing.spec.ts › GET /disputes › pages …`. */
  test: string;
  /** The attempt (Playwright's retry); only a test's last attempt is compared. */
  retry: number;
  /** The nth call of this operation (or unmatched route) in the test, counted as the calls were made: `getDispute #2`. */
  step: string;
  /** Made while another call of the test was in flight: its order among those is timing. */
  overlapped: boolean;
  /** Made in a poll of the test (e2e/support/polling.ts): only the poll's last answer is compared. */
  poll?: number;
  /** The contract's operation, or `unmatched` (a call API Gateway answers without a route). */
  operationId: string;
  method: string;
  /** The operation's path template, or the path with its ids as `{id}` when unmatched. */
  route: string;
  status: number;
  headers: Record<string, string>;
  body: BodyShape;
}

export interface Answer {
  status: number;
  headers: readonly { name: string; value: string }[];
  body: Buffer;
}

/** A call as it was made: which operation (or unmatched route), its number among the test's calls of it, and how. */
export interface Call {
  method: string;
  operationId: string;
  route: string;
  ordinal: number;
  overlapped: boolean;
  poll?: number;
}

/** Which operation (or unmatched route) a call is, and the key its calls are counted by within a test. */
export function callKey(
  operations: readonly ContractOperation[],
  method: string,
  pathname: string,
): { operationId: string; route: string } {
  const operation = operationOf(operations, method, pathname);
  return operation
    ? { operationId: operation.operationId, route: operation.path }
    : { operationId: UNMATCHED, route: routeOfPath(pathname) };
}

export function describeExchange(enumPathsOf: EnumPaths, test: { title: string; retry: number }, call: Call, answer: Answer): Exchange {
  const { method, operationId, route } = call;
  const headers = clientHeaders(answer.headers);
  const enumPaths = enumPathsOf(route, method, answer.status, mediaTypeOf(headers['content-type']));
  return {
    test: test.title,
    retry: test.retry,
    step: `${operationId === UNMATCHED ? `${method} ${route}` : operationId} #${call.ordinal}`,
    overlapped: call.overlapped,
    ...(call.poll === undefined ? {} : { poll: call.poll }),
    operationId,
    method,
    route,
    status: answer.status,
    headers,
    body: bodyShape(headers['content-type'], answer.body, enumPaths),
  };
}
