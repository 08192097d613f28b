// Parameters travel as strings (path and header: `simple` style, query:
// `form`, all scalars here). Encoding is String(); decoding reads a string as
// the schema's type when it spells one, and leaves it a string otherwise, so
// that ajv reports "abc" for an integer as the wrong type it is.
import type { SchemaNode } from './schema-node.ts';

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function encodeParameter(value: string | number | boolean): string {
  return String(value);
}

export function decodeParameter(wire: string, node: SchemaNode): unknown {
  if ((node.kind === 'integer' || node.kind === 'number') && JSON_NUMBER.test(wire)) return Number(wire);
  if (node.kind === 'boolean' && (wire === 'true' || wire === 'false')) return wire === 'true';
  return wire;
}
