// A request as the front sees it: method, raw path, decoded query and
// headers, with the bucket and key of a path-style S3 URL.
import type { IncomingHttpHeaders } from 'node:http';

export interface RequestTarget {
  method: string;
  /** The path exactly as sent (still percent-encoded), as S3 signs it. */
  path: string;
  /** Decoded query parameters; a parameter without '=' has the value ''. */
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  bucket?: string;
  key?: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decode(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : decode(pair.slice(at + 1));
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/** Repeated headers joined by ',', as SigV4 canonicalises them. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return flat;
}

export function requestTarget(method: string, url: string, headers: IncomingHttpHeaders): RequestTarget {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const [bucket, ...keyParts] = path.replace(/^\//, '').split('/');
  const key = keyParts.join('/');
  return {
    method,
    path: path === '' ? '/' : path,
    query: parseQuery(at < 0 ? '' : url.slice(at + 1)),
    headers: flattenHeaders(headers),
    ...(bucket ? { bucket: decode(bucket) } : {}),
    ...(key ? { key: decode(key) } : {}),
  };
}

export function firstQueryValue(target: RequestTarget, name: string): string | undefined {
  const value = target.query[name];
  return Array.isArray(value) ? value[0] : value;
}
