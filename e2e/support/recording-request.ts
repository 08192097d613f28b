// Playwright's request fixture, with every answer from the API under test
// recorded for the coverage report (coverage-records.ts). Calls to other
// origins (S3's presigned URLs) are not the contract's and are not recorded.
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { recordCall } from './coverage-records.ts';

const VERBS = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD' } as const;

export function recordingRequest(request: APIRequestContext, baseUrl: string): APIRequestContext {
  const origin = new URL(baseUrl).origin;
  const record = (method: string, response: APIResponse) => {
    const url = new URL(response.url());
    if (url.origin === origin) recordCall({ method: method.toUpperCase(), path: url.pathname, status: response.status() });
    return response;
  };
  return new Proxy(request, {
    get(target, property, receiver) {
      const original = Reflect.get(target, property, receiver);
      if (typeof original !== 'function') return original;
      if (property === 'fetch') {
        return async (urlOrRequest: Parameters<APIRequestContext['fetch']>[0], options?: Parameters<APIRequestContext['fetch']>[1]) => {
          const method = options?.method ?? (typeof urlOrRequest === 'string' ? 'GET' : urlOrRequest.method());
          return record(method, await target.fetch(urlOrRequest, options));
        };
      }
      if (typeof property === 'string' && property in VERBS) {
        const method = VERBS[property as keyof typeof VERBS];
        return async (...args: unknown[]) =>
          record(method, await (original as (...a: unknown[]) => Promise<APIResponse>).apply(target, args));
      }
      return original.bind(target);
    },
  });
}
