// Evaluates S3's conditional request headers against an object's current ETag
// and Last-Modified, as S3 does (s3rver honours only If-None-Match and
// If-Modified-Since on GET, and even those with its own precedence):
// - GetObject / HeadObject (S3 API Reference, request headers If-Match,
//   If-None-Match, If-Modified-Since, If-Unmodified-Since): a false If-Match or
//   If-Unmodified-Since is 412 PreconditionFailed, a false If-None-Match or
//   If-Modified-Since is 304 Not Modified. "If-Match true and
//   If-Unmodified-Since false: 200 OK"; "If-None-Match false and
//   If-Modified-Since true: 304". That is RFC 7232 §6's order: a present
//   If-Match decides instead of If-Unmodified-Since, a present If-None-Match
//   instead of If-Modified-Since.
// - CopyObject (x-amz-copy-source-if-match, -if-none-match,
//   -if-unmodified-since, -if-modified-since, judged on the source): the same
//   order, every failure 412. "if-match true and if-unmodified-since false:
//   200 OK and copies"; "if-none-match false and if-modified-since true: 412".
// - Conditional writes (PutObject, CopyObject's destination,
//   CompleteMultipartUpload; User Guide "How to prevent object overwrites with
//   conditional writes", https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html):
//   If-None-Match: * fails 412 when the key exists; If-Match fails 412 when the
//   ETag differs and 404 NoSuchKey when there is no object.
// ETags are compared without their quotes (S3 accepts both forms) and without
// a W/ prefix; a header may list several, and * matches any existing object.
// Dates have one-second precision, as Last-Modified does; an unparsable date
// is ignored (RFC 7232 §3.3, §3.4), and so is an If-Modified-Since later than
// the server's clock (RFC 2616 §14.25), which is what S3 does.

export interface ObjectState {
  /** As S3 sends it, with quotes. */
  etag: string;
  lastModified: Date;
}

export type ConditionVerdict =
  | { outcome: 'proceed' }
  | { outcome: 'not-modified' }
  /** `condition` names the failed header as S3's <Condition> element does. */
  | { outcome: 'precondition-failed'; condition: string }
  | { outcome: 'no-such-key' };

type Headers = Record<string, string | undefined>;

const PROCEED: ConditionVerdict = { outcome: 'proceed' };

/** Request headers this module judges; the front keeps them from s3rver. */
export const CONDITIONAL_HEADERS = [
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'x-amz-copy-source-if-match',
  'x-amz-copy-source-if-none-match',
  'x-amz-copy-source-if-modified-since',
  'x-amz-copy-source-if-unmodified-since',
] as const;

function bareTag(tag: string): string {
  return tag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

/** Whether an If-Match / If-None-Match value names the current ETag. */
export function etagMatches(header: string, current: ObjectState | undefined): boolean {
  if (current === undefined) return false;
  const tags = header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return tags.some((tag) => tag === '*' || bareTag(tag) === bareTag(current.etag));
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function parsedDate(header: string | undefined): Date | undefined {
  if (header === undefined) return undefined;
  const time = Date.parse(header);
  return Number.isNaN(time) ? undefined : new Date(time);
}

function unmodifiedSince(header: string | undefined, current: ObjectState): boolean | undefined {
  const date = parsedDate(header);
  return date === undefined ? undefined : seconds(current.lastModified) <= seconds(date);
}

function modifiedSince(header: string | undefined, current: ObjectState, now: Date): boolean | undefined {
  const date = parsedDate(header);
  if (date === undefined || date.getTime() > now.getTime()) return undefined;
  return seconds(current.lastModified) > seconds(date);
}

interface NamedConditions {
  ifMatch: string;
  ifNoneMatch: string;
  ifModifiedSince: string;
  ifUnmodifiedSince: string;
}

/** Which verdict a failed If-None-Match / If-Modified-Since gives. */
type NotModified = 'not-modified' | 'precondition-failed';

function evaluate(
  headers: Headers,
  names: NamedConditions,
  current: ObjectState,
  now: Date,
  display: (name: string) => string,
  notModified: NotModified,
): ConditionVerdict {
  const failed = (name: string): ConditionVerdict => ({ outcome: 'precondition-failed', condition: display(name) });
  const ifMatch = headers[names.ifMatch];
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, current)) return failed(names.ifMatch);
  } else if (unmodifiedSince(headers[names.ifUnmodifiedSince], current) === false) {
    return failed(names.ifUnmodifiedSince);
  }
  const ifNoneMatch = headers[names.ifNoneMatch];
  const unchanged =
    ifNoneMatch !== undefined ? etagMatches(ifNoneMatch, current) : modifiedSince(headers[names.ifModifiedSince], current, now) === false;
  if (!unchanged) return PROCEED;
  if (notModified === 'not-modified') return { outcome: 'not-modified' };
  return failed(ifNoneMatch !== undefined ? names.ifNoneMatch : names.ifModifiedSince);
}

const READ: NamedConditions = {
  ifMatch: 'if-match',
  ifNoneMatch: 'if-none-match',
  ifModifiedSince: 'if-modified-since',
  ifUnmodifiedSince: 'if-unmodified-since',
};
const COPY_SOURCE: NamedConditions = {
  ifMatch: 'x-amz-copy-source-if-match',
  ifNoneMatch: 'x-amz-copy-source-if-none-match',
  ifModifiedSince: 'x-amz-copy-source-if-modified-since',
  ifUnmodifiedSince: 'x-amz-copy-source-if-unmodified-since',
};

/** 'if-unmodified-since' → 'If-Unmodified-Since'. */
function httpName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);
}

/** GetObject / HeadObject on an existing object (a missing one is s3rver's 404). */
export function evaluateReadConditions(headers: Headers, current: ObjectState, now: Date): ConditionVerdict {
  return evaluate(headers, READ, current, now, httpName, 'not-modified');
}

/** CopyObject's x-amz-copy-source-if-* on an existing source; S3 names them "x-amz-copy-source-If-Match" etc. */
export function evaluateCopySourceConditions(headers: Headers, source: ObjectState, now: Date): ConditionVerdict {
  const display = (name: string) => `x-amz-copy-source-${httpName(name.slice('x-amz-copy-source-'.length))}`;
  return evaluate(headers, COPY_SOURCE, source, now, display, 'precondition-failed');
}

/** If-Match / If-None-Match of a write (PutObject, CopyObject's destination, CompleteMultipartUpload). */
export function evaluateWriteConditions(headers: Headers, current: ObjectState | undefined): ConditionVerdict {
  const ifMatch = headers['if-match'];
  if (ifMatch !== undefined) {
    if (current === undefined) return { outcome: 'no-such-key' };
    if (!etagMatches(ifMatch, current)) return { outcome: 'precondition-failed', condition: 'If-Match' };
  }
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, current)) {
    return { outcome: 'precondition-failed', condition: 'If-None-Match' };
  }
  return PROCEED;
}

/** Whether a write needs the current object looked up at all. */
export function hasWriteConditions(headers: Headers): boolean {
  return headers['if-match'] !== undefined || headers['if-none-match'] !== undefined;
}
