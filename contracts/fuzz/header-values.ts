// What a header value can be on the wire: visible ASCII and inner spaces.
// Clients refuse control characters and most refuse non-ASCII, and HTTP trims
// surrounding spaces, so a header string drawn from anything wider would not
// arrive as generated. Invalid header values keep to the same characters.
import fc from 'fast-check';

/** One character of a header value: printable ASCII, space included. */
export const HEADER_CHARACTER: fc.Arbitrary<string> = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

/** The same length, with leading and trailing spaces made visible so that nothing is trimmed away. */
export function untrimmable(value: string): string {
  return value.replace(/^ +| +$/g, (spaces) => '-'.repeat(spaces.length));
}

export function isHeaderValue(value: string): boolean {
  return /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/.test(value);
}
