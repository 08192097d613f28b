// What a client can depend on in one answer, kept for comparing two runs of
// the suite (parity): the headers clients read and the body's shape. Values
// that differ by nature between runs and stages — ids, timestamps, cursors,
// ETags, request ids, signed URLs — are never kept: a JSON body becomes its
// paths and their types, with the value only where the contract fixes the
// set (enums) and for a problem's `code`; other bodies become their media
// type and a size class; header values lose their ids and origin.

import { mediaTypeOf } from '../../contracts/fuzz/media-type.ts';

/** The JSON type of a value, numbers split as the contract's `integer` and `number`. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'array' | 'object';

export type SizeClass = 'empty' | 'under 1 KB' | 'under 64 KB' | 'under 1 MB' | '1 MB or more';

export interface JsonBody {
  media: string;
  /** Each path (`$.items[].id`) with its type; types seen at one path are joined with `|`; `?` ends an item field some items lack. */
  fields: Record<string, string>;
  /** The value at each enum path and a problem's `$.code` (an enum array's values joined with `,`). */
  values: Record<string, string>;
}

export interface OtherBody {
  media: string;
  size: SizeClass;
}

export type BodyShape = JsonBody | OtherBody;

/** Marks an item field that some items of its list lack (`$.results[].mediator: "object?"`). */
export const OPTIONAL = '?';

export const isJsonBody = (body: BodyShape): body is JsonBody => 'fields' in body;

/** The response headers clients depend on; no other header is kept. */
const CLIENT_HEADERS = new Set([
  'content-type',
  'cache-control',
  'www-authenticate',
  'retry-after',
  'location',
  'content-disposition',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-expose-headers',
  'access-control-max-age',
]);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;

/** A header or path with what differs by nature replaced: uuids, timestamps, numbers of three digits or more. */
export function withoutVaryingParts(value: string): string {
  return value
    .replace(UUID, '{uuid}')
    .replace(TIMESTAMP, '{timestamp}')
    .replace(/\d{3,}/g, '{n}');
}

/** A path with its id segments (numbers, uuids) as `{id}`: the route of a call to no operation. */
export function routeOfPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) || /^[0-9a-f-]{36}$/i.test(segment) ? '{id}' : segment))
    .join('/');
}

export function clientHeaders(headers: readonly { name: string; value: string }[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const { name, value } of headers) {
    const key = name.toLowerCase();
    if (!CLIENT_HEADERS.has(key)) continue;
    kept[key] = kept[key] === undefined ? normalHeader(key, value) : `${kept[key]}, ${normalHeader(key, value)}`;
  }
  return Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b)));
}

function normalHeader(name: string, value: string): string {
  const trimmed = value.trim();
  switch (name) {
    case 'content-type':
      return trimmed.toLowerCase().replace(/\s*;\s*/g, '; ');
    case 'location': {
      // An absolute URL names the host it was served from: only its path and query's names count.
      if (!URL.canParse(trimmed, 'http://origin.invalid')) return withoutVaryingParts(trimmed);
      const url = new URL(trimmed, 'http://origin.invalid');
      const query = [...url.searchParams.keys()].sort().join('&');
      return `${routeOfPath(url.pathname)}${query ? `?${query}` : ''}`;
    }
    case 'retry-after':
      // Seconds or an HTTP date: which one counts, not how long.
      return /^\d+$/.test(trimmed) ? '{seconds}' : '{date}';
    case 'content-disposition':
      // A file's name holds its id.
      return withoutVaryingParts(trimmed);
    default:
      // cache-control's max-age, CORS max-age, www-authenticate's error: the values are the behaviour.
      return trimmed;
  }
}

export function sizeClass(bytes: number): SizeClass {
  if (bytes === 0) return 'empty';
  if (bytes < 1024) return 'under 1 KB';
  if (bytes < 64 * 1024) return 'under 64 KB';
  if (bytes < 1024 * 1024) return 'under 1 MB';
  return '1 MB or more';
}

const isJsonMedia = (media: string) => media === 'application/json' || media.endsWith('+json');

/**
 * The shape of a body: JSON (by its content type) as paths and types, with the
 * values at `enumPaths` and a problem's `$.code`; anything else, or JSON that
 * does not parse, as media type and size class.
 */
export function bodyShape(contentType: string | undefined, body: Buffer, enumPaths: ReadonlySet<string>): BodyShape {
  const media = mediaTypeOf(contentType);
  if (!isJsonMedia(media) || body.length === 0) return { media, size: sizeClass(body.length) };
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return { media: `${media} (not JSON)`, size: sizeClass(body.length) };
  }
  const types = new Map<string, Set<string>>();
  const enumValues = new Map<string, Set<string>>();
  const keepsValue = (path: string) =>
    (enumPaths.has(path) || (media === 'application/problem+json' && path === '$.code')) && !insideListOfObjects(path);
  // How many objects stood at a path, and in how many of them each key was: an item's field some items lack is optional.
  const objects = new Map<string, number>();
  const present = new Map<string, number>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const walk = (node: unknown, path: string) => {
    const type = jsonTypeOf(node);
    types.set(path, (types.get(path) ?? new Set()).add(type));
    if (Array.isArray(node)) for (const item of node) walk(item, `${path}[]`);
    else if (type === 'object') {
      count(objects, path);
      for (const [key, item] of Object.entries(node as object)) {
        count(present, `${path}.${key}`);
        walk(item, `${path}.${key}`);
      }
    } else if (keepsValue(path)) enumValues.set(path, (enumValues.get(path) ?? new Set()).add(String(node)));
  };
  walk(value, '$');
  const joined = (map: Map<string, Set<string>>, separator: string) =>
    Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([path, set]) => [path, [...set].sort().join(separator)]));
  const fields = joined(types, '|');
  for (const path of Object.keys(fields)) {
    const parent = path.slice(0, path.lastIndexOf('.'));
    if (insideListOfObjects(path) && (present.get(path) ?? 0) < (objects.get(parent) ?? 0)) fields[path] += OPTIONAL;
  }
  return { media, fields, values: joined(enumValues, ',') };
}

/**
 * A path under an array of objects (`$.items[].status`): a list's items on a
 * shared stage are other runs' and other tests' too, so which ones it holds —
 * their optional fields, their enum values — is not the API's behaviour.
 */
export function insideListOfObjects(path: string): boolean {
  return path.includes('[].');
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}
