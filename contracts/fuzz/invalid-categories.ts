// The ways an invalid request breaks the contract. Each invalid request is
// tagged with one, and with the field it breaks, so that a failure says what
// was sent and a caller can group its expectations by category.
import type fc from 'fast-check';
import type { JsonKind } from './schema-node.ts';

export const INVALID_CATEGORIES = [
  'wrong-type',
  'missing-required',
  'below-minimum',
  'above-maximum',
  'too-short',
  'too-long',
  'oversize-string',
  'unknown-enum',
  'pattern-mismatch',
  'too-few-properties',
  'unknown-field',
  'malformed-json',
  'wrong-content-type',
  'bad-path-id',
  'tampered-cursor',
] as const;

export type InvalidCategory = (typeof INVALID_CATEGORIES)[number];

/** Values that break one schema in one way. */
export interface Mutation<T> {
  category: InvalidCategory;
  /** What is wrong, e.g. `zero`, `above maximum 100`. */
  detail: string;
  values: fc.Arbitrary<T>;
  /** The JSON kinds the values have: a oneOf branch's mutation is kept only where no other branch takes them. */
  kinds: JsonKind[];
}
