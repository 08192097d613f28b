// How an invocation reads in the console: labels, status classes, the filters
// and the one-line "why" of a failed request. Pure: no DOM, no clock.
import { ASYNC_METHOD, type InvocationRecord, type InvocationSummary } from '../console-types.ts';

export type StatusFilter = 'all' | '2xx' | '4xx' | '5xx' | 'errors';

export interface InvocationFilter {
  /** '' for any, a route key, or NO_ROUTE. */
  route: string;
  status: StatusFilter;
  /** '' for anyone, a user id, or NO_CALLER. */
  user: string;
}

export const ANY: InvocationFilter = { route: '', status: 'all', user: '' };
/** The route filter's value for requests no route matched. */
export const NO_ROUTE = '(no route)';
/** The user filter's value for requests without an accepted token. */
export const NO_CALLER = '(no caller)';

/** The route filter's value for asynchronous invocations (S3 notifications). */
export const ASYNC = '(asynchronous)';

export const routeKeyOf = (invocation: InvocationSummary): string =>
  invocation.routeKey ?? (invocation.method === ASYNC_METHOD ? ASYNC : NO_ROUTE);
/** How the route filter names a route key. */
export const routeFilterLabel = (route: string): string =>
  route === NO_ROUTE ? 'no route matched' : route === ASYNC ? 'asynchronous (S3 notifications)' : route;
export const callerKeyOf = (invocation: InvocationSummary): string => invocation.caller?.userId ?? NO_CALLER;

/** The route column: the contract route, or the raw path when none matched. */
export const routeLabel = (invocation: InvocationSummary): string => invocation.routeKey ?? invocation.path;

export function callerLabel(caller: InvocationSummary['caller']): string {
  if (!caller) return '—';
  return caller.role ? `user ${caller.userId} · ${caller.role}` : `user ${caller.userId}`;
}

export function warmth(invocation: InvocationSummary): string {
  if (invocation.coldStart === null) return '—';
  return invocation.coldStart ? 'cold' : 'warm';
}

export function statusClass(status: number): string {
  if (status >= 500) return 'status-5xx';
  if (status >= 400) return 'status-4xx';
  if (status >= 300) return 'status-3xx';
  return 'status-2xx';
}

export function statusMatches(status: number, filter: StatusFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case '2xx':
      return status >= 200 && status < 300;
    case '4xx':
      return status >= 400 && status < 500;
    case '5xx':
      return status >= 500 && status < 600;
    case 'errors':
      return status >= 400;
  }
}

export const isStatusFilter = (value: string): value is StatusFilter => ['all', '2xx', '4xx', '5xx', 'errors'].includes(value);

export function matches(invocation: InvocationSummary, filter: InvocationFilter): boolean {
  return (
    (filter.route === '' || routeKeyOf(invocation) === filter.route) &&
    (filter.user === '' || callerKeyOf(invocation) === filter.user) &&
    statusMatches(invocation.status, filter.status)
  );
}

/** `14:03:07.125`, in the viewer's time zone. */
export function clockTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

export interface Explanation {
  /** Who answered: the gateway by itself, or the function. */
  by: 'gateway' | 'function';
  text: string;
}

/**
 * Why a request failed, in one line: the gateway's reason when it answered by
 * itself, else the function's error or the problem it answered with.
 */
export function explain(record: InvocationRecord): Explanation | null {
  if (record.gatewayReason) return { by: 'gateway', text: record.gatewayReason };
  if (record.status < 400) return null;
  const thrown = asObject(record.result);
  if (thrown && typeof thrown['errorType'] === 'string') {
    return { by: 'function', text: `The function failed: ${thrown['errorType']}: ${String(thrown['errorMessage'] ?? '')}` };
  }
  const body = record.response.bodyEncoding === 'utf8' ? parseJson(record.response.body) : undefined;
  const problem = asObject(body);
  if (!problem) return { by: 'function', text: `The function answered ${record.status}.` };
  const code = typeof problem['code'] === 'string' ? `${problem['code']}: ` : '';
  const said = problem['detail'] ?? problem['message'] ?? problem['title'];
  return { by: 'function', text: `The function answered ${record.status}: ${code}${typeof said === 'string' ? said : ''}`.trim() };
}

/** JSON text pretty-printed, or the text as it is when it is not JSON. */
export function prettyBody(body: string): string {
  const parsed = parseJson(body);
  return parsed === undefined ? body : JSON.stringify(parsed, null, 2);
}

export const pretty = (value: unknown): string => JSON.stringify(value, null, 2) ?? String(value);

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const asObject = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
