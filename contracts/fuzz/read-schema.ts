// A schema read once into a checked, self-contained tree (schema-node.ts):
// refs followed, `allOf` merged, every keyword known. Both the valid-value and
// the invalid-value generators work from this tree, so the subset of OpenAPI
// 3.0 they understand is decided here, in one place; anything outside it
// throws an UnsupportedSchemaError naming the schema and the keyword.
import { type ContractDocument, dereference, isObject, type SchemaObject } from './contract-document.ts';
import { isAnnotation, mergeAllOf } from './all-of-merge.ts';
import {
  type ArrayNode,
  type ChoiceNode,
  type JsonKind,
  kindsOf,
  type NumericNode,
  type ObjectNode,
  type SchemaNode,
  STRING_FORMATS,
  type StringFormat,
  type StringNode,
} from './schema-node.ts';
import { UnsupportedSchemaError } from './unsupported-schema-error.ts';

type Common = Pick<SchemaNode, 'nullable' | 'at'>;

const KEYWORDS: Record<string, ReadonlySet<string>> = {
  string: new Set(['minLength', 'maxLength', 'pattern', 'format']),
  integer: new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'format']),
  number: new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'format']),
  boolean: new Set(),
  array: new Set(['items', 'minItems', 'maxItems']),
  object: new Set(['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties']),
};
const COMMON = new Set(['type', 'nullable', 'enum']);

/** `schema` (a schema object or a `$ref` to one) as a checked tree; `at` names it in errors. */
export function readSchema(document: ContractDocument, schema: unknown, at = '#'): SchemaNode {
  return read(document, schema, at, []);
}

function read(document: ContractDocument, schema: unknown, at: string, refs: string[]): SchemaNode {
  if (!isObject(schema)) throw new UnsupportedSchemaError(at, '(schema)', 'a schema must be an object');
  const ref = schema['$ref'];
  if (ref !== undefined) {
    const extra = Object.keys(schema).filter((key) => key !== '$ref' && !isAnnotation(key));
    if (extra.length > 0) throw new UnsupportedSchemaError(at, extra[0]!, `OpenAPI 3.0 ignores ${extra.join(', ')} beside $ref`);
    if (typeof ref !== 'string') throw new UnsupportedSchemaError(at, '$ref', '$ref must be a string');
    if (refs.includes(ref))
      throw new UnsupportedSchemaError(at, '$ref', `recursive schemas are not supported (${[...refs, ref].join(' -> ')})`);
    return read(document, dereference(document, { $ref: ref }), ref, [...refs, ref]);
  }
  if (schema['allOf'] !== undefined) {
    return read(
      document,
      mergeAllOf(schema, (part, where) => followRefs(document, part, where, refs), at),
      at,
      refs,
    );
  }
  const nullable = schema['nullable'] === true;
  if (schema['nullable'] !== undefined && typeof schema['nullable'] !== 'boolean') {
    throw new UnsupportedSchemaError(at, 'nullable', 'nullable must be true or false');
  }
  for (const choice of ['oneOf', 'anyOf'] as const) {
    if (schema[choice] !== undefined) return readChoice(document, schema, choice, nullable, at, refs);
  }
  const type = schema['type'];
  if (typeof type !== 'string' || !Object.hasOwn(KEYWORDS, type)) {
    throw new UnsupportedSchemaError(at, 'type', `type ${JSON.stringify(type)} is not one of ${Object.keys(KEYWORDS).join(', ')}`);
  }
  for (const keyword of Object.keys(schema)) {
    if (!COMMON.has(keyword) && !KEYWORDS[type]!.has(keyword) && !isAnnotation(keyword)) {
      throw new UnsupportedSchemaError(at, keyword, `keyword ${keyword} is not supported on a ${type} schema`);
    }
  }
  const common = { nullable, at };
  switch (type) {
    case 'string':
      return readString(schema, common);
    case 'integer':
    case 'number':
      return readNumeric(schema, type, common);
    case 'boolean':
      return { kind: 'boolean', ...common, ...enumOf<boolean>(schema, 'boolean', at) };
    case 'array':
      return readArray(document, schema, common, refs);
    default:
      return readObject(document, schema, common, refs);
  }
}

/** An allOf part with its refs followed, guarding against a part that leads back to itself. */
function followRefs(document: ContractDocument, part: unknown, at: string, refs: string[]): SchemaObject {
  let current = part;
  const seen = [...refs];
  while (isObject(current) && typeof current['$ref'] === 'string') {
    const ref = current['$ref'];
    if (seen.includes(ref))
      throw new UnsupportedSchemaError(at, '$ref', `recursive schemas are not supported (${[...seen, ref].join(' -> ')})`);
    seen.push(ref);
    current = dereference(document, { $ref: ref });
  }
  if (!isObject(current)) throw new UnsupportedSchemaError(at, 'allOf', 'an allOf part must be a schema object');
  return current;
}

function readChoice(
  document: ContractDocument,
  schema: SchemaObject,
  choice: 'oneOf' | 'anyOf',
  nullable: boolean,
  at: string,
  refs: string[],
): ChoiceNode {
  const extra = Object.keys(schema).filter((key) => key !== choice && key !== 'nullable' && !isAnnotation(key));
  if (extra.length > 0) throw new UnsupportedSchemaError(at, extra[0]!, `only annotations and nullable may stand beside ${choice}`);
  const list = schema[choice];
  if (!Array.isArray(list) || list.length === 0) throw new UnsupportedSchemaError(at, choice, `${choice} must be a non-empty list`);
  const branches = list.map((branch, index) => read(document, branch, `${at}/${choice}/${index}`, refs));
  if (choice === 'oneOf') {
    // A value drawn from one branch must fail all the others; with branches of
    // separate JSON kinds that holds by construction, so nothing needs checking per value.
    const seen = new Set<JsonKind>();
    for (const branch of branches) {
      for (const kind of kindsOf(branch)) {
        if (seen.has(kind)) throw new UnsupportedSchemaError(at, 'oneOf', `oneOf branches must not share a JSON kind (${kind})`);
        seen.add(kind);
      }
    }
  }
  return { kind: choice, nullable, at, branches };
}

function readString(schema: SchemaObject, common: Common): StringNode {
  const { at } = common;
  const minLength = count(schema, 'minLength', at) ?? 0;
  const maxLength = count(schema, 'maxLength', at);
  if (maxLength !== undefined && maxLength < minLength) throw new UnsupportedSchemaError(at, 'maxLength', 'maxLength is below minLength');
  const pattern = schema['pattern'];
  if (pattern !== undefined && typeof pattern !== 'string') throw new UnsupportedSchemaError(at, 'pattern', 'pattern must be a string');
  const format = schema['format'];
  if (format !== undefined && !STRING_FORMATS.includes(format as StringFormat)) {
    throw new UnsupportedSchemaError(at, 'format', `string format ${String(format)} is not supported (${STRING_FORMATS.join(', ')})`);
  }
  if (format !== undefined && pattern !== undefined) throw new UnsupportedSchemaError(at, 'format', 'format and pattern together');
  return {
    kind: 'string',
    ...common,
    ...enumOf<string>(schema, 'string', at),
    minLength,
    ...(maxLength === undefined ? {} : { maxLength }),
    ...(pattern === undefined ? {} : { pattern }),
    ...(format === undefined ? {} : { format: format as StringFormat }),
  };
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function readNumeric(schema: SchemaObject, kind: 'integer' | 'number', common: Common): NumericNode {
  const { at } = common;
  const format = schema['format'];
  if (format !== undefined && !['int32', 'int64', 'float', 'double'].includes(String(format))) {
    throw new UnsupportedSchemaError(at, 'format', `number format ${String(format)} is not supported`);
  }
  const bound = (keyword: string): number | undefined => {
    const value = schema[keyword];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw new UnsupportedSchemaError(at, keyword, `${keyword} must be a number`);
    }
    return value;
  };
  const flag = (keyword: string): boolean => {
    const value = schema[keyword];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new UnsupportedSchemaError(at, keyword, `${keyword} must be true or false in OpenAPI 3.0`);
    }
    return value === true;
  };
  let minimum = bound('minimum');
  let maximum = bound('maximum');
  // int32 is a range check in ajv-formats: fold it into the bounds.
  if (format === 'int32') {
    minimum = Math.max(minimum ?? INT32.min, INT32.min);
    maximum = Math.min(maximum ?? INT32.max, INT32.max);
  }
  const node: NumericNode = {
    kind,
    ...common,
    ...enumOf<number>(schema, 'number', at),
    ...(minimum === undefined ? {} : { minimum }),
    ...(maximum === undefined ? {} : { maximum }),
    exclusiveMinimum: flag('exclusiveMinimum'),
    exclusiveMaximum: flag('exclusiveMaximum'),
  };
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
    throw new UnsupportedSchemaError(at, 'maximum', 'maximum is below minimum');
  }
  return node;
}

function readArray(document: ContractDocument, schema: SchemaObject, common: Common, refs: string[]): ArrayNode {
  const { at } = common;
  if (schema['items'] === undefined) throw new UnsupportedSchemaError(at, 'items', 'an array schema needs items');
  const minItems = count(schema, 'minItems', at) ?? 0;
  const maxItems = count(schema, 'maxItems', at);
  if (maxItems !== undefined && maxItems < minItems) throw new UnsupportedSchemaError(at, 'maxItems', 'maxItems is below minItems');
  const items = read(document, schema['items'], `${at}/items`, refs);
  return { kind: 'array', ...common, items, minItems, ...(maxItems === undefined ? {} : { maxItems }) };
}

function readObject(document: ContractDocument, schema: SchemaObject, common: Common, refs: string[]): ObjectNode {
  const { at } = common;
  const rawProperties = schema['properties'] ?? {};
  if (!isObject(rawProperties)) throw new UnsupportedSchemaError(at, 'properties', 'properties must be a map');
  // fromEntries, so that even a property named __proto__ is a property.
  const properties: { [name: string]: SchemaNode } = Object.fromEntries(
    Object.entries(rawProperties).map(([name, property]) => [name, read(document, property, `${at}/properties/${name}`, refs)]),
  );
  const required = schema['required'] ?? [];
  if (!Array.isArray(required) || !required.every((name) => typeof name === 'string')) {
    throw new UnsupportedSchemaError(at, 'required', 'required must be a list of names');
  }
  const undeclared = required.filter((name) => !Object.hasOwn(properties, name));
  if (undeclared.length > 0)
    throw new UnsupportedSchemaError(at, 'required', `required names undeclared properties: ${undeclared.join(', ')}`);
  const rawAdditional = schema['additionalProperties'];
  const additional =
    rawAdditional === false
      ? 'forbidden'
      : rawAdditional === undefined || rawAdditional === true
        ? 'allowed'
        : read(document, rawAdditional, `${at}/additionalProperties`, refs);
  const minProperties = count(schema, 'minProperties', at) ?? 0;
  const maxProperties = count(schema, 'maxProperties', at);
  const declared = Object.keys(properties).length;
  if (
    (maxProperties !== undefined && maxProperties < Math.max(minProperties, required.length)) ||
    (additional === 'forbidden' && minProperties > declared)
  ) {
    throw new UnsupportedSchemaError(at, 'maxProperties', 'no object satisfies minProperties, maxProperties and required together');
  }
  return {
    kind: 'object',
    ...common,
    properties,
    required,
    additional,
    minProperties,
    ...(maxProperties === undefined ? {} : { maxProperties }),
  };
}

function count(schema: SchemaObject, keyword: string, at: string): number | undefined {
  const value = schema[keyword];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new UnsupportedSchemaError(at, keyword, `${keyword} must be a non-negative integer`);
  }
  return value;
}

function enumOf<T>(schema: SchemaObject, type: 'string' | 'number' | 'boolean', at: string): { enum?: T[] } {
  const values = schema['enum'];
  if (values === undefined) return {};
  if (!Array.isArray(values) || values.length === 0) throw new UnsupportedSchemaError(at, 'enum', 'enum must be a non-empty list');
  const own = values.filter((value) => value !== null);
  if (!own.every((value) => typeof value === type)) throw new UnsupportedSchemaError(at, 'enum', `enum values must all be ${type}s`);
  // `enum: [null]` with nullable is how OpenAPI 3.0 writes "null and nothing else" (the contract's NullValue).
  if (own.length === 0 && schema['nullable'] !== true) {
    throw new UnsupportedSchemaError(at, 'enum', 'enum holds only null, and the schema is not nullable');
  }
  if (schema['type'] === 'integer' && !own.every(Number.isInteger))
    throw new UnsupportedSchemaError(at, 'enum', 'enum values must all be integers');
  return { enum: own as T[] };
}
