// `allOf` folded into one schema. The contract uses it to narrow a shared
// schema (`allOf: [$ref DecimalString]` with `type` and `nullable` beside it),
// so merging is enough: keywords that appear in one part only are kept,
// `required` lists and `properties` maps are joined, and a keyword with two
// different values is refused rather than guessed at.
import { isObject, type SchemaObject } from './contract-document.ts';
import { UnsupportedSchemaError } from './unsupported-schema-error.ts';

const ANNOTATIONS = new Set(['description', 'example', 'title', 'default', 'deprecated', 'externalDocs']);

/** Keywords that say nothing about which values are valid. */
export function isAnnotation(keyword: string): boolean {
  return ANNOTATIONS.has(keyword) || keyword.startsWith('x-');
}

/** Follows a part's `$ref`s; given by the caller, which tracks where refs lead. */
export type ResolveSchema = (node: unknown, at: string) => SchemaObject;

export function mergeAllOf(schema: SchemaObject, resolve: ResolveSchema, at: string): SchemaObject {
  const { allOf, nullable: outerNullable, ...outer } = schema;
  if (!Array.isArray(allOf) || allOf.length === 0) throw new UnsupportedSchemaError(at, 'allOf', 'allOf must be a non-empty list');
  const parts = allOf.map((part, index) => {
    const where = `${at}/allOf/${index}`;
    const resolved = resolve(part, where);
    return resolved['allOf'] === undefined ? resolved : mergeAllOf(resolved, resolve, where);
  });
  let merged: SchemaObject = outer;
  parts.forEach((part, index) => {
    merged = mergeInto(merged, part, `${at}/allOf/${index}`);
  });
  // As response-validator's toJsonSchema reads `nullable`: on the outer schema
  // it admits null whatever the parts say; otherwise null passes only when no
  // outer `type` refuses it and every part admits it.
  const nullable = outerNullable === true || (outer['type'] === undefined && parts.every((part) => part['nullable'] === true));
  return nullable ? { ...merged, nullable: true } : merged;
}

function mergeInto(target: SchemaObject, part: SchemaObject, at: string): SchemaObject {
  const out: SchemaObject = { ...target };
  for (const [keyword, value] of Object.entries(part)) {
    if (isAnnotation(keyword) || keyword === 'nullable') continue;
    const existing = out[keyword];
    if (existing === undefined) out[keyword] = value;
    else if (keyword === 'required' && Array.isArray(existing) && Array.isArray(value))
      out[keyword] = [...new Set([...existing, ...value])];
    else if (keyword === 'properties' && isObject(existing) && isObject(value)) out[keyword] = mergeProperties(existing, value);
    else if (JSON.stringify(existing) !== JSON.stringify(value)) {
      throw new UnsupportedSchemaError(at, keyword, `allOf: ${keyword} differs between parts; only equal or separate keywords are merged`);
    }
  }
  return out;
}

function mergeProperties(a: SchemaObject, b: SchemaObject): SchemaObject {
  const out: SchemaObject = { ...a };
  for (const [name, schema] of Object.entries(b)) out[name] = name in a ? { allOf: [a[name], schema] } : schema;
  return out;
}
