// Body text that is not JSON, made from a valid body (cut short, something
// appended, single quotes) or taken from a few classic mistakes. An empty body
// is never produced: the server reads it as no body at all.
import fc from 'fast-check';
import { isJson } from './media-type.ts';

const CLASSICS = ['not json', '{', '{"a":}', "{'a': 1}", '[1, 2', 'NaN', 'undefined', '{"a": 1,}', '   ', 'nul', 'tru', '01', '{"a" 1}'];

/** Malformed variants of the texts `valid` gives, each tagged with how it was broken. */
export function malformedJson(valid: fc.Arbitrary<string>): fc.Arbitrary<{ text: string; how: string }> {
  const cut = valid.chain((text) =>
    fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((end) => ({ text: text.slice(0, end), how: 'cut short' })),
  );
  const appended = fc
    .tuple(valid, fc.constantFrom(',', '}', ']', 'x', '{', '"'))
    .map(([text, extra]) => ({ text: text + extra, how: `${extra} appended` }));
  const quoted = valid.map((text) => ({ text: text.replaceAll('"', "'"), how: 'single quotes' }));
  const classic = fc.constantFrom(...CLASSICS).map((text) => ({ text, how: 'not JSON at all' }));
  return fc.oneof(cut, appended, quoted, classic).filter(({ text }) => text !== '' && !isJson(text));
}
