// The POST policy of a browser-based upload, checked as S3 checks it ("POST
// Policy", https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html):
// base64 JSON {expiration, conditions}; exact matches ({"field": "v"} or
// ["eq", "$field", "v"]), ["starts-with", "$field", "prefix"] and
// ["content-length-range", min, max]; and every form field except
// x-amz-signature, file, policy and x-ignore-* must be named by a condition.
// Field names match case-insensitively, values case-sensitively. Pure: the
// clock and the form are arguments.
import { S3Error } from './s3-error.ts';

export interface PolicyForm {
  bucket: string;
  /** Form fields before the file, names lower-cased, first value of each. */
  fields: Map<string, string>;
}

export interface ContentLengthRange {
  min: number;
  max: number;
}

type Condition = { kind: 'eq' | 'starts-with'; field: string; value: string; source: unknown[] } | ({ kind: 'range' } & ContentLengthRange);

const EXEMPT = new Set(['x-amz-signature', 'file', 'policy']);

function invalidPolicy(message: string): S3Error {
  return new S3Error('InvalidPolicyDocument', `Invalid Policy: ${message}`);
}

function denied(reason: string): S3Error {
  return new S3Error('AccessDenied', `Invalid according to Policy: ${reason}`);
}

function fieldName(reference: unknown): string {
  if (typeof reference !== 'string' || !reference.startsWith('$'))
    throw invalidPolicy('Invalid Condition: field references must start with "$".');
  return reference.slice(1).toLowerCase();
}

function parseCondition(raw: unknown): Condition {
  if (Array.isArray(raw)) {
    const [operator, first, second] = raw as unknown[];
    const op = typeof operator === 'string' ? operator.toLowerCase() : '';
    if (op === 'content-length-range') {
      const min = Number(first);
      const max = Number(second);
      if (raw.length !== 3 || !Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
        throw invalidPolicy('Invalid content-length-range.');
      }
      return { kind: 'range', min, max };
    }
    if ((op === 'eq' || op === 'starts-with') && raw.length === 3 && typeof second === 'string') {
      return { kind: op, field: fieldName(first), value: second, source: raw };
    }
    throw invalidPolicy(`Invalid Condition: ${JSON.stringify(raw)}`);
  }
  if (raw !== null && typeof raw === 'object') {
    const entries = Object.entries(raw);
    const [name, value] = entries[0] ?? [];
    if (entries.length === 1 && name !== undefined && typeof value === 'string') {
      return { kind: 'eq', field: name.toLowerCase(), value, source: ['eq', `$${name}`, value] };
    }
  }
  throw invalidPolicy(`Invalid Condition: ${JSON.stringify(raw)}`);
}

/** S3 prints a failed condition as its array form: ["eq", "$key", "value"]. */
function describe(source: unknown[]): string {
  return `[${source.map((item) => JSON.stringify(item)).join(', ')}]`;
}

function holds(condition: Exclude<Condition, { kind: 'range' }>, form: PolicyForm): boolean {
  const actual = condition.field === 'bucket' ? form.bucket : form.fields.get(condition.field);
  if (actual === undefined) return condition.kind === 'starts-with' && condition.value === '';
  if (condition.kind === 'eq') return actual === condition.value;
  // Content-Type may list several types; each must match the prefix.
  const values = condition.field === 'content-type' ? actual.split(',').map((v) => v.trim()) : [actual];
  return values.every((value) => value.startsWith(condition.value));
}

export function decodePolicy(policyBase64: string): { expiration: Date; conditions: Condition[] } {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(policyBase64, 'base64').toString('utf8'));
  } catch {
    throw invalidPolicy('Invalid JSON.');
  }
  if (document === null || typeof document !== 'object') throw invalidPolicy('Invalid JSON.');
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (typeof expiration !== 'string') throw invalidPolicy('Policy missing expiration.');
  const expires = new Date(expiration);
  if (Number.isNaN(expires.getTime())) throw invalidPolicy("Invalid 'expiration' value: must be an ISO8601 GMT date.");
  if (!Array.isArray(conditions)) throw invalidPolicy('Policy missing conditions.');
  return { expiration: expires, conditions: conditions.map(parseCondition) };
}

/**
 * Checks expiry, every condition and the extra-field rule; returns the
 * content-length-range the file must then satisfy, if the policy has one.
 */
export function checkPolicy(policyBase64: string, form: PolicyForm, now: Date): ContentLengthRange | undefined {
  const policy = decodePolicy(policyBase64);
  if (now.getTime() > policy.expiration.getTime()) throw denied('Policy expired.');
  let range: ContentLengthRange | undefined;
  const named = new Set<string>();
  for (const condition of policy.conditions) {
    if (condition.kind === 'range') {
      range = { min: condition.min, max: condition.max };
      continue;
    }
    named.add(condition.field);
    if (!holds(condition, form)) throw denied(`Policy Condition failed: ${describe(condition.source)}`);
  }
  const extra = [...form.fields.keys()].filter((name) => !EXEMPT.has(name) && !name.startsWith('x-ignore-') && !named.has(name));
  if (extra.length > 0) throw denied(`Extra input fields: ${extra.join(', ')}`);
  return range;
}

/** The file's size against content-length-range: EntityTooSmall / EntityTooLarge (400). */
export function checkContentLength(size: number, range: ContentLengthRange | undefined): void {
  if (!range) return;
  if (size > range.max) throw new S3Error('EntityTooLarge', undefined, { ProposedSize: size, MaxSizeAllowed: range.max });
  if (size < range.min) throw new S3Error('EntityTooSmall', undefined, { ProposedSize: size, MinSizeAllowed: range.min });
}
