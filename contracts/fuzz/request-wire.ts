// A FuzzRequest as an HTTP client sends it: the URL, the headers and the body
// text. Pure functions; sending is the caller's (Playwright's `request`).
import type { FuzzRequest } from './request-arbitrary.ts';

/** The path template filled in (each value percent-encoded) and the query string. */
export function requestUrl(request: FuzzRequest): string {
  const path = request.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = request.pathParams[name];
    if (value === undefined) throw new Error(`${request.operationId}: no value for path parameter ${name}`);
    return encodeURIComponent(value);
  });
  // encodeURIComponent, not URLSearchParams: a space must travel as %20, since `+` is a space only in form bodies.
  const query = Object.entries(request.query)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return query === '' ? path : `${path}?${query}`;
}

/** Header parameters, and the content type when the request has one. */
export function requestHeaders(request: FuzzRequest): Record<string, string> {
  return request.contentType === undefined ? { ...request.headers } : { ...request.headers, 'content-type': request.contentType };
}

/** The body text: JSON for a value, as it is for raw text; undefined when no body is sent. */
export function requestData(request: FuzzRequest): string | undefined {
  if (!request.body) return undefined;
  return 'text' in request.body ? request.body.text : JSON.stringify(request.body.json);
}

/** Bytes of the URL and the headers: API Gateway refuses more than 10 KiB of them with its own answer, Node more than 16 KiB. */
export function requestLineAndHeaders(request: FuzzRequest): number {
  const headers = Object.entries(requestHeaders(request)).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
  return Buffer.byteLength(requestUrl(request)) + headers;
}
