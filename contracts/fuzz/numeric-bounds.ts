// The whole numbers an integer schema admits, as inclusive bounds: the
// OpenAPI 3.0 `exclusive*` flags applied, and unbounded sides held to the
// safe integers, which are all a JSON number in JavaScript can carry exactly.
import type { NumericNode } from './schema-node.ts';
import { UnsupportedSchemaError } from './unsupported-schema-error.ts';

export function numericBounds(node: NumericNode): { min: number; max: number } {
  let min = node.minimum === undefined ? Number.MIN_SAFE_INTEGER : Math.ceil(node.minimum);
  if (node.exclusiveMinimum && min === node.minimum) min += 1;
  let max = node.maximum === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(node.maximum);
  if (node.exclusiveMaximum && max === node.maximum) max -= 1;
  min = Math.max(min, Number.MIN_SAFE_INTEGER);
  max = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (min > max) throw new UnsupportedSchemaError(node.at, 'maximum', 'no whole number lies between minimum and maximum');
  return { min, max };
}
