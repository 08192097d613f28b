// Strings that break a string schema's own limits: too short, too long, far
// too long, outside the enum, not matching the pattern. Lengths are counted
// in code points, as JSON Schema counts them.
import fc from 'fast-check';
import type { Mutation } from './invalid-categories.ts';
import type { StringNode } from './schema-node.ts';

export interface StringSettings {
  /** One character; header values keep to what a header can carry. */
  unit: 'binary' | fc.Arbitrary<string>;
  /** The longest oversize string: large enough to probe size limits, small enough for the transport. */
  oversizeMax: number;
  /** Applied to every string (e.g. header values: no leading or trailing spaces), keeping its length. */
  finish?: (value: string) => string;
  /** Values a transport cannot carry are dropped. */
  keep?: (value: string) => boolean;
}

const codePoints = (value: string): number => [...value].length;

export function stringMutations(node: StringNode, settings: StringSettings): Mutation<string>[] {
  const { unit, finish = (value) => value, keep = () => true } = settings;
  const strings = (minLength: number, maxLength: number) => fc.string({ unit, minLength, maxLength }).map(finish).filter(keep);
  const mutation = (category: Mutation<string>['category'], detail: string, values: fc.Arbitrary<string>): Mutation<string> => ({
    category,
    detail,
    values,
    kinds: ['string'],
  });
  const mutations: Mutation<string>[] = [];
  const { minLength, maxLength, pattern } = node;
  // An empty enum admits null alone (`enum: [null]`): every string is the wrong type, which value-mutations.ts covers.
  if (node.enum?.length === 0) return [];
  if (node.enum) {
    const known = new Set(node.enum);
    const near = fc
      .constantFrom(...node.enum)
      .chain((value) => fc.constantFrom(value.toUpperCase(), `${value}x`, value.slice(1), ` ${value}`));
    const values = fc.oneof(near.map(finish), strings(0, 20)).filter((value) => !known.has(value) && keep(value));
    mutations.push(mutation('unknown-enum', `not one of ${node.enum.join(', ')}`, values));
    return mutations;
  }
  if (minLength > 0) mutations.push(mutation('too-short', `shorter than minLength ${minLength}`, strings(0, minLength - 1)));
  if (maxLength !== undefined) {
    mutations.push(mutation('too-long', `longer than maxLength ${maxLength}`, strings(maxLength + 1, maxLength + 8)));
    const low = Math.min(Math.max(maxLength * 10, maxLength + 100), settings.oversizeMax);
    if (low > maxLength) {
      const high = Math.max(low, settings.oversizeMax);
      mutations.push(mutation('oversize-string', `${low} to ${high} characters, maxLength ${maxLength}`, oversize(settings, low, high)));
    }
  }
  if (pattern !== undefined) {
    const regex = new RegExp(pattern, 'u');
    const fits = (value: string) => codePoints(value) >= minLength && (maxLength === undefined || codePoints(value) <= maxLength);
    // Blanks are what a pattern such as \S is there to refuse, and random strings are seldom blank.
    const blank = fc.string({
      unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000'),
      minLength: Math.max(1, minLength),
      maxLength: minLength + 20,
    });
    const values = fc
      .oneof(strings(minLength, maxLength ?? minLength + 20), blank.map(finish).filter(keep))
      .filter((value) => fits(value) && !regex.test(value));
    mutations.push(mutation('pattern-mismatch', `not matching ${pattern}`, values));
  }
  return mutations;
}

/** A short random chunk repeated to a length in [low, high]: cheap to build even at 100k characters. */
function oversize(settings: StringSettings, low: number, high: number): fc.Arbitrary<string> {
  const { unit, finish = (value) => value, keep = () => true } = settings;
  return fc
    .tuple(fc.string({ unit, minLength: 1, maxLength: 8 }), fc.integer({ min: low, max: high }))
    .map(([chunk, length]) => {
      const units = [...chunk];
      return finish(Array.from({ length }, (_, index) => units[index % units.length]).join(''));
    })
    .filter(keep);
}
