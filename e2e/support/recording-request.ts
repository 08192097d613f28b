// Playwright's request fixture, with every answer from the API under test
// recorded (coverage-records.ts): for the coverage report, and as the test's
// exchanges for comparing runs (npm run parity). Each call is numbered among
// the test's calls of the same operation when it is made, so that the same
// step of the same test pairs across runs. Calls to other origins (S3's
// presigned URLs) are not the contract's and are not recorded.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { contractOperations } from '../../contracts/contract-operations.ts';
import { loadContractDocument } from '../../contracts/fuzz/contract-document.ts';
import { contractEnumPaths } from '../parity/contract-enum-paths.ts';
import { type Call, callKey, describeExchange } from '../parity/exchange.ts';
import { recordCall } from './coverage-records.ts';
import { currentPoll } from './polling.ts';

const VERBS = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD' } as const;

const operations = contractOperations();
const enumPaths = contractEnumPaths(loadContractDocument());

export interface RecordedTest {
  /** The test's file and titles, as the exchange records name it (e2e/parity/run-records.ts). */
  title: string;
  retry: number;
}

export function recordingRequest(request: APIRequestContext, baseUrl: string, test: RecordedTest): APIRequestContext {
  const origin = new URL(baseUrl).origin;
  const calls = new Map<string, number>();
  const inFlight = new Set<Call>();
  /**
   * Numbers the call as it is made (before its answer), among the test's calls of its operation, and notes
   * whether it overlapped another call of the test: calls made at once may finish in any order.
   */
  const started = (method: string, url: string): Call => {
    const { operationId, route } = callKey(operations, method, new URL(url, baseUrl).pathname);
    const key = `${method} ${operationId} ${route}`;
    const ordinal = (calls.get(key) ?? 0) + 1;
    calls.set(key, ordinal);
    const poll = currentPoll();
    const call: Call = { method, operationId, route, ordinal, overlapped: inFlight.size > 0, ...(poll === undefined ? {} : { poll }) };
    for (const other of inFlight) other.overlapped = true;
    inFlight.add(call);
    return call;
  };
  const record = async (call: Call, answered: Promise<APIResponse>) => {
    let response: APIResponse;
    try {
      response = await answered;
    } finally {
      inFlight.delete(call);
    }
    const url = new URL(response.url());
    if (url.origin !== origin) return response;
    const answer = { status: response.status(), headers: response.headersArray(), body: await response.body() };
    const exchange = describeExchange(enumPaths, test, call, answer);
    recordCall({ method: call.method, path: url.pathname, status: answer.status, exchange });
    return response;
  };
  return new Proxy(request, {
    get(target, property, receiver) {
      const original = Reflect.get(target, property, receiver);
      if (typeof original !== 'function') return original;
      if (property === 'fetch') {
        return async (urlOrRequest: Parameters<APIRequestContext['fetch']>[0], options?: Parameters<APIRequestContext['fetch']>[1]) => {
          const method = (options?.method ?? (typeof urlOrRequest === 'string' ? 'GET' : urlOrRequest.method())).toUpperCase();
          const call = started(method, typeof urlOrRequest === 'string' ? urlOrRequest : urlOrRequest.url());
          return record(call, target.fetch(urlOrRequest, options));
        };
      }
      if (typeof property === 'string' && property in VERBS) {
        const method = VERBS[property as keyof typeof VERBS];
        return async (...args: unknown[]) => {
          const call = started(method, String(args[0]));
          return record(call, (original as (...a: unknown[]) => Promise<APIResponse>).apply(target, args));
        };
      }
      return original.bind(target);
    },
  });
}
