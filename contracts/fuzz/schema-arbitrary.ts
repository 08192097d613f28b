// Valid values for a schema, as fast-check arbitraries: every value drawn
// validates against the schema (the unit tests check that with ajv). The
// schema is read by schema-node.ts, which refuses what it does not understand.
import fc from 'fast-check';
import type { ContractDocument } from './contract-document.ts';
import { numericBounds } from './numeric-bounds.ts';
import { readSchema } from './read-schema.ts';
import type { ArrayNode, ObjectNode, SchemaNode, StringNode } from './schema-node.ts';
import { UnsupportedSchemaError } from './unsupported-schema-error.ts';

export interface ValueOptions {
  /**
   * One character of a free-form string. Code points by default (`binary`, any
   * code point but lone surrogates), as JSON Schema counts lengths in them;
   * headers pass a narrower set.
   */
  stringUnit?: 'binary' | 'grapheme-ascii' | fc.Arbitrary<string>;
}

/** Valid values of `schema` (a schema object or a `$ref`), its refs resolved in `document`. */
export function schemaArbitrary(document: ContractDocument, schema: unknown, options: ValueOptions = {}): fc.Arbitrary<unknown> {
  return nodeArbitrary(readSchema(document, schema), options);
}

export function nodeArbitrary(node: SchemaNode, options: ValueOptions = {}): fc.Arbitrary<unknown> {
  if ('enum' in node && node.enum?.length === 0) return fc.constant(null);
  const value = nonNullArbitrary(node, options);
  return node.nullable ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: value }) : value;
}

function nonNullArbitrary(node: SchemaNode, options: ValueOptions): fc.Arbitrary<unknown> {
  switch (node.kind) {
    case 'string':
      return stringArbitrary(node, options);
    case 'integer': {
      if (node.enum) return fc.constantFrom(...node.enum);
      const { min, max } = numericBounds(node);
      return integerBetween(min, max);
    }
    case 'number': {
      if (node.enum) return fc.constantFrom(...node.enum);
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        ...(node.minimum === undefined ? {} : { min: node.minimum, minExcluded: node.exclusiveMinimum }),
        ...(node.maximum === undefined ? {} : { max: node.maximum, maxExcluded: node.exclusiveMaximum }),
      });
    }
    case 'boolean':
      return node.enum ? fc.constantFrom(...node.enum) : fc.boolean();
    case 'array':
      return arrayArbitrary(node, options);
    case 'object':
      return objectArbitrary(node, options);
    default:
      return fc.oneof(...node.branches.map((branch) => nodeArbitrary(branch, options)));
  }
}

/** Whole numbers in [min, max]; fc.integer stops at 32 bits, ids go to 2^53 - 1. */
export function integerBetween(min: number, max: number): fc.Arbitrary<number> {
  if (min >= -(2 ** 31) && max <= 2 ** 31 - 1) return fc.integer({ min, max });
  return fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
}

const codePoints = (value: string): number => [...value].length;

function stringArbitrary(node: StringNode, options: ValueOptions): fc.Arbitrary<string> {
  if (node.enum) return fc.constantFrom(...node.enum);
  const { minLength, maxLength } = node;
  const fits = (value: string) => codePoints(value) >= minLength && (maxLength === undefined || codePoints(value) <= maxLength);
  if (node.pattern !== undefined) {
    let matching: fc.Arbitrary<string>;
    try {
      matching = fc.stringMatching(new RegExp(node.pattern));
    } catch (error) {
      throw new UnsupportedSchemaError(node.at, 'pattern', `pattern ${node.pattern}: ${(error as Error).message}`);
    }
    return minLength > 0 || maxLength !== undefined ? matching.filter(fits) : matching;
  }
  if (node.format !== undefined) return formatArbitrary(node.format).filter(fits);
  const unit = options.stringUnit ?? 'binary';
  const anyLength = fc.string({ unit, minLength, ...(maxLength === undefined ? {} : { maxLength }) });
  if (maxLength === undefined || maxLength - minLength <= 8) return anyLength;
  // fast-check keeps strings short by default; the longest ones are where limits are checked.
  const longest = fc.string({ unit, minLength: Math.max(minLength, maxLength - 4), maxLength });
  return fc.oneof({ weight: 4, arbitrary: anyLength }, { weight: 1, arbitrary: longest });
}

const DATES = { min: new Date('1970-01-01T00:00:00.000Z'), max: new Date('2100-12-31T23:59:59.999Z'), noInvalidDate: true };

function formatArbitrary(format: NonNullable<StringNode['format']>): fc.Arbitrary<string> {
  switch (format) {
    case 'date-time':
      return fc.date(DATES).map((date) => date.toISOString());
    case 'date':
      return fc.date(DATES).map((date) => date.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uuid':
      return fc.uuid();
    default:
      return fc.webUrl();
  }
}

function arrayArbitrary(node: ArrayNode, options: ValueOptions): fc.Arbitrary<unknown[]> {
  return fc.array(nodeArbitrary(node.items, options), {
    minLength: node.minItems,
    ...(node.maxItems === undefined ? {} : { maxLength: node.maxItems }),
  });
}

function objectArbitrary(node: ObjectNode, options: ValueOptions): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = Object.fromEntries(
    Object.entries(node.properties).map(([name, property]) => [name, nodeArbitrary(property, options)]),
  );
  const declared = fc.record(model, { requiredKeys: node.required, noNullPrototype: true });
  const { additional } = node;
  const withExtras =
    typeof additional === 'string'
      ? declared
      : fc
          .tuple(
            declared,
            fc.dictionary(
              fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !Object.hasOwn(node.properties, key) && key !== '__proto__'),
              nodeArbitrary(additional, options),
              { maxKeys: 4, noNullPrototype: true },
            ),
          )
          .map(([own, extra]) => ({ ...extra, ...own }));
  const { minProperties, maxProperties } = node;
  if (minProperties === 0 && maxProperties === undefined) return withExtras;
  return withExtras.filter((value) => {
    const size = Object.keys(value).length;
    return size >= minProperties && (maxProperties === undefined || size <= maxProperties);
  });
}
