// How two answers to the same call differ, as a client would notice: another
// status (and nothing more: its headers and body differ as a consequence);
// with the same status, a header clients read, the body's media type or size
// class, a field missing, extra or of another type, another enum value or
// problem code. What a list holds is data on a shared stage (other runs'
// disputes): its items' fields count by their types other than null, a field
// only some items have is optional, an empty list is no missing field; and a
// cursor is a string or null whether or not a page was the last.
import { type Exchange, UNMATCHED } from './exchange.ts';
import { type BodyShape, insideListOfObjects, isJsonBody, OPTIONAL } from './exchange-shape.ts';

export type DifferenceKind =
  | 'status'
  | 'header'
  | 'media'
  | 'size'
  | 'field missing'
  | 'field extra'
  | 'field type'
  | 'value'
  | 'problem code'
  | 'exchange';

export interface Difference {
  /** The operationId, or `unmatched METHOD route`. */
  operation: string;
  kind: DifferenceKind;
  /** What differs: `status`, a header's name, a JSON path, a step. */
  subject: string;
  a: string;
  b: string;
  test: string;
  step: string;
}

export const ABSENT = '(absent)';

export const operationOf = (exchange: Exchange) =>
  exchange.operationId === UNMATCHED ? `${UNMATCHED} ${exchange.method} ${exchange.route}` : exchange.operationId;

export function answerDifferences(x: Exchange, y: Exchange): Difference[] {
  const found: Difference[] = [];
  const add = (kind: DifferenceKind, subject: string, a: string | undefined, b: string | undefined) =>
    found.push({ operation: operationOf(x), kind, subject, a: a ?? ABSENT, b: b ?? ABSENT, test: x.test, step: x.step });
  if (x.status !== y.status) {
    add('status', 'status', String(x.status), String(y.status));
    return found;
  }
  for (const name of unionOfKeys(x.headers, y.headers)) {
    if (x.headers[name] !== y.headers[name]) add('header', name, x.headers[name], y.headers[name]);
  }
  if (x.body.media !== y.body.media) {
    add('media', 'body', x.body.media, y.body.media);
    return found;
  }
  if (!isJsonBody(x.body) || !isJsonBody(y.body)) {
    const [sizeA, sizeB] = [sizeOf(x.body), sizeOf(y.body)];
    if (sizeA !== sizeB) add('size', 'body', sizeA, sizeB);
    return found;
  }
  const [fieldsA, fieldsB] = [x.body.fields, y.body.fields];
  const retyped: string[] = [];
  const underRetyped = (path: string) => retyped.some((parent) => path.startsWith(`${parent}.`) || path.startsWith(`${parent}[]`));
  for (const path of unionOfKeys(fieldsA, fieldsB)) {
    const [rawA, rawB] = [fieldsA[path], fieldsB[path]];
    if (rawA !== undefined && rawB !== undefined) {
      const [typeA, typeB] = [comparableType(path, rawA), comparableType(path, rawB)];
      if (typeA !== undefined && typeB !== undefined && typeA !== typeB && !underRetyped(path)) {
        add('field type', path, typeA, typeB);
        retyped.push(path);
      }
    } else if (!underRetyped(path) && !isData(path, rawA ?? rawB!, rawA === undefined ? fieldsA : fieldsB)) {
      add(rawB === undefined ? 'field missing' : 'field extra', path, rawA?.replace(OPTIONAL, ''), rawB?.replace(OPTIONAL, ''));
    }
  }
  const [valuesA, valuesB] = [x.body.values, y.body.values];
  for (const path of unionOfKeys(valuesA, valuesB)) {
    if (valuesA[path] === valuesB[path] || comparableType(path, fieldsA[path]) !== comparableType(path, fieldsB[path])) continue;
    add(path === '$.code' ? 'problem code' : 'value', path, valuesA[path], valuesB[path]);
  }
  return found;
}

/** Two answers a client could not tell apart. */
export const sameAnswer = (x: Exchange, y: Exchange) => answerDifferences(x, y).length === 0;

/**
 * A path's types as far as they are the API's behaviour and not the data it holds: a cursor is a string or
 * null; an item's field counts by its types other than null, and not at all when only null was seen.
 */
function comparableType(path: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const types = raw.replace(OPTIONAL, '').split('|');
  if (/cursor$/i.test(path) && types.every((type) => type === 'null' || type === 'string')) return 'string|null (cursor)';
  if (!insideListOfObjects(path)) return types.join('|');
  const kept = types.filter((type) => type !== 'null');
  return kept.length === 0 ? undefined : kept.join('|');
}

/**
 * A path one answer has and the other lacks because of the data a list held: the items of a list empty in
 * the other answer, an item field only some items have, or an item field whose object the other answer's
 * items did not have (no items, or a nullable object that was null in all of them).
 */
function isData(path: string, raw: string, lacking: Record<string, string>): boolean {
  if (path.endsWith('[]') && raw.replace(OPTIONAL, '') === 'object') return true;
  if (!insideListOfObjects(path)) return false;
  const parent = lacking[path.slice(0, path.lastIndexOf('.'))];
  return raw.endsWith(OPTIONAL) || parent === undefined || !parent.replace(OPTIONAL, '').split('|').includes('object');
}

const sizeOf = (body: BodyShape) => (isJsonBody(body) ? 'JSON' : body.size);
const unionOfKeys = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
