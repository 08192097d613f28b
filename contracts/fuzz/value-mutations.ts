// JSON values that a schema refuses, by category: the wrong JSON kind, a
// number out of range, a string too short or long or outside its enum or
// pattern, an array with too few or too many items. Used for body fields;
// parameters, which travel as strings, have parameter-mutations.ts.
import fc from 'fast-check';
import type { Mutation } from './invalid-categories.ts';
import { numericBounds } from './numeric-bounds.ts';
import { nodeArbitrary } from './schema-arbitrary.ts';
import { type JsonKind, kindsOf, type NumericNode, type SchemaNode } from './schema-node.ts';
import { stringMutations } from './string-mutations.ts';

/** Above the JSON body cap (64 KiB) for ASCII, so that both the 400 and the 413 answers are reached. */
export const BODY_OVERSIZE_MAX = 100_000;

const KIND_VALUES: Record<JsonKind, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 12 }),
  integer: fc.integer(),
  float: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.integer(), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.integer(), { maxKeys: 3, noNullPrototype: true }),
};

export function valueMutations(node: SchemaNode): Mutation<unknown>[] {
  const mutations: Mutation<unknown>[] = [];
  const wrongType = wrongTypeMutation(node);
  if (wrongType) mutations.push(wrongType);
  switch (node.kind) {
    case 'string':
      mutations.push(...stringMutations(node, { unit: 'binary', oversizeMax: BODY_OVERSIZE_MAX }));
      break;
    case 'integer':
    case 'number':
      mutations.push(...numericMutations(node));
      break;
    case 'array': {
      const items = nodeArbitrary(node.items);
      if (node.minItems > 0) {
        const values = fc.array(items, { maxLength: node.minItems - 1 });
        mutations.push({ category: 'too-short', detail: `fewer than minItems ${node.minItems}`, values, kinds: ['array'] });
      }
      if (node.maxItems !== undefined) {
        const values = fc.array(items, { minLength: node.maxItems + 1, maxLength: node.maxItems + 3 });
        mutations.push({ category: 'too-long', detail: `more than maxItems ${node.maxItems}`, values, kinds: ['array'] });
      }
      break;
    }
    case 'oneOf':
    case 'anyOf':
      // A branch's mutation is still invalid for the whole only where no other branch takes its kind of value.
      node.branches.forEach((branch, index) => {
        const others = node.branches.filter((_, other) => other !== index).flatMap((other) => [...kindsOf(other)]);
        for (const mutation of valueMutations(branch)) {
          if (mutation.category === 'wrong-type' || mutation.kinds.some((kind) => others.includes(kind))) continue;
          mutations.push({ ...mutation, detail: `${node.kind} branch ${index}: ${mutation.detail}` });
        }
      });
      break;
    default:
      // Booleans and nested objects are broken by their type only.
      break;
  }
  return mutations;
}

/** Values of every JSON kind the schema does not admit. */
export function wrongTypeMutation(node: SchemaNode): Mutation<unknown> | undefined {
  const admitted = kindsOf(node);
  const wrong = (Object.keys(KIND_VALUES) as JsonKind[]).filter((kind) => !admitted.has(kind));
  if (wrong.length === 0) return undefined;
  return {
    category: 'wrong-type',
    detail: `${wrong.join(' or ')} where ${[...admitted].join(' or ')} is expected`,
    values: fc.oneof(...wrong.map((kind) => KIND_VALUES[kind])),
    kinds: wrong,
  };
}

function numericMutations(node: NumericNode): Mutation<unknown>[] {
  const kinds: JsonKind[] = node.kind === 'integer' ? ['integer'] : ['integer', 'float'];
  if (node.enum?.length === 0) return [];
  if (node.enum) {
    const known = new Set(node.enum);
    const values = fc
      .oneof(
        fc.constantFrom(...node.enum).map((value) => value + 1),
        fc.integer(),
      )
      .filter((value) => !known.has(value));
    return [{ category: 'unknown-enum', detail: `not one of ${node.enum.join(', ')}`, values, kinds }];
  }
  const mutations: Mutation<unknown>[] = [];
  const { minimum, maximum } = node;
  const step =
    node.kind === 'integer'
      ? fc.integer({ min: 1, max: 1_000_000 })
      : fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0.001, max: 1e6, noNaN: true }));
  if (minimum !== undefined) {
    const edge = node.kind === 'integer' ? numericBounds(node).min : minimum;
    const below = step.map((by) => edge - by);
    const values = (node.exclusiveMinimum ? fc.oneof(fc.constant(minimum), below) : below).filter(
      (value) => value < minimum || (node.exclusiveMinimum && value === minimum),
    );
    mutations.push({
      category: 'below-minimum',
      detail: `below minimum ${minimum}${node.exclusiveMinimum ? ' (exclusive)' : ''}`,
      values,
      kinds,
    });
  }
  if (maximum !== undefined) {
    const edge = node.kind === 'integer' ? numericBounds(node).max : maximum;
    const above = step.map((by) => edge + by);
    const values = (node.exclusiveMaximum ? fc.oneof(fc.constant(maximum), above) : above).filter(
      (value) => value > maximum || (node.exclusiveMaximum && value === maximum),
    );
    mutations.push({
      category: 'above-maximum',
      detail: `above maximum ${maximum}${node.exclusiveMaximum ? ' (exclusive)' : ''}`,
      values,
      kinds,
    });
  }
  return mutations;
}
