// Wire strings that a parameter's schema refuses once decoded
// (parameter-encoding.ts). A path id gets its own set, `bad-path-id`:
// non-numeric, a fraction, zero, negative, beyond the maximum. Numbers are
// built as decimal strings with BigInt, so "one more than 2^53 - 1" is exact.
import fc from 'fast-check';
import { HEADER_CHARACTER, isHeaderValue, untrimmable } from './header-values.ts';
import type { Mutation } from './invalid-categories.ts';
import { numericBounds } from './numeric-bounds.ts';
import type { OperationParameter } from './operations.ts';
import type { NumericNode } from './schema-node.ts';
import { type StringSettings, stringMutations } from './string-mutations.ts';

/**
 * Far past any parameter limit of the contract, yet within what carries a
 * request line and its headers (16 KiB in Node, 10 KiB at API Gateway), so
 * that the answer is the API's and not the transport's 414 or 431.
 */
export const PARAMETER_OVERSIZE_MAX = 4000;

/** URL-unreserved characters: a query string's length on the wire is its length. */
const URL_CHARACTER = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~');

const HEADER_STRINGS: StringSettings = {
  unit: HEADER_CHARACTER,
  oversizeMax: PARAMETER_OVERSIZE_MAX,
  finish: untrimmable,
  keep: isHeaderValue,
};
const QUERY_STRINGS: StringSettings = { unit: URL_CHARACTER, oversizeMax: PARAMETER_OVERSIZE_MAX };

/** Starts with a letter, so it never reads as a number; URL- and header-safe. */
const NON_NUMERIC = fc.stringMatching(/^[A-Za-z_~][A-Za-z0-9_~-]{0,15}$/);
const FRACTION = fc
  .tuple(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 99 }))
  .map(([whole, part]) => `${whole}.${String(part).padStart(2, '0')}`);
const PAST = fc.bigInt({ min: 1n, max: 10n ** 30n });

export function parameterMutations(parameter: OperationParameter): Mutation<string>[] {
  const { node } = parameter;
  switch (node.kind) {
    case 'string':
      return stringMutations(node, parameter.in === 'header' ? HEADER_STRINGS : QUERY_STRINGS);
    case 'integer':
    case 'number':
      return parameter.in === 'path' && node.kind === 'integer' && !node.enum ? badPathIds(node) : numericMutations(node);
    case 'boolean':
      return [wrongType(fc.constantFrom('yes', 'no', '1', '0', 'TRUE', 'False'), 'not true or false')];
    default:
      return [];
  }
}

function wrongType(values: fc.Arbitrary<string>, detail: string): Mutation<string> {
  return { category: 'wrong-type', detail, values, kinds: ['string'] };
}

function numericMutations(node: NumericNode): Mutation<string>[] {
  const mutations = [wrongType(NON_NUMERIC, 'not a number')];
  if (node.kind === 'integer') mutations.push(wrongType(FRACTION, 'a decimal fraction'));
  if (node.enum) {
    const known = new Set(node.enum);
    const values = fc
      .integer()
      .filter((value) => !known.has(value))
      .map(String);
    return [...mutations, { category: 'unknown-enum', detail: `not one of ${node.enum.join(', ')}`, values, kinds: ['integer'] }];
  }
  const { min, max } = edges(node);
  if (node.minimum !== undefined) {
    const values = PAST.map((by) => String(min - by));
    mutations.push({ category: 'below-minimum', detail: `below minimum ${node.minimum}`, values, kinds: ['integer'] });
  }
  if (node.maximum !== undefined) {
    const values = PAST.map((by) => String(max + by));
    mutations.push({ category: 'above-maximum', detail: `above maximum ${node.maximum}`, values, kinds: ['integer'] });
  }
  return mutations;
}

/** The first whole numbers outside the schema's range, as BigInt (a number schema's fractional bound rounded outwards). */
function edges(node: NumericNode): { min: bigint; max: bigint } {
  if (node.kind === 'integer') {
    const { min, max } = numericBounds(node);
    return { min: BigInt(min), max: BigInt(max) };
  }
  return { min: BigInt(Math.ceil(node.minimum ?? 0)), max: BigInt(Math.floor(node.maximum ?? 0)) };
}

function badPathIds(node: NumericNode): Mutation<string>[] {
  const { min, max } = edges(node);
  const id = (detail: string, values: fc.Arbitrary<string>): Mutation<string> => ({
    category: 'bad-path-id',
    detail,
    values,
    kinds: ['string'],
  });
  const mutations = [id('non-numeric', NON_NUMERIC), id('float', FRACTION)];
  if (min > 0n) mutations.push(id('zero', fc.constant('0')));
  if (min >= 0n)
    mutations.push(
      id(
        'negative',
        PAST.map((by) => `-${by}`),
      ),
    );
  if (node.maximum !== undefined)
    mutations.push(
      id(
        'huge',
        PAST.map((by) => String(max + by)),
      ),
    );
  return mutations;
}
