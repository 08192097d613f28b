// Content types an operation does not declare, for a body that is otherwise
// valid JSON. Media types compare without parameters and case-insensitively,
// so `Application/JSON; charset=utf-8` would still be JSON and is not used.
import fc from 'fast-check';
import { mediaTypeOf } from './media-type.ts';

const CANDIDATES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'text/json',
  'application/xml',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'application/merge-patch+json',
  'application/problem+json',
  'multipart/form-data; boundary=fuzz',
];

/** Undeclared content types; undefined stands for sending none (a client may then add its own default). */
export function wrongContentTypes(declared: readonly string[]): fc.Arbitrary<string | undefined> {
  const wrong = CANDIDATES.filter((candidate) => !declared.includes(mediaTypeOf(candidate)));
  return fc.constantFrom<string | undefined>(undefined, ...wrong);
}
