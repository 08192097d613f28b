// The checked form of a schema that the generators work from: one node per
// schema, refs already followed and `allOf` already merged (read-schema.ts
// builds it). Only the keywords of the supported subset have a place here.
export const STRING_FORMATS = ['date-time', 'date', 'email', 'uuid', 'uri'] as const;
export type StringFormat = (typeof STRING_FORMATS)[number];

interface Common {
  nullable: boolean;
  /** Where the schema is in the contract, for error messages. */
  at: string;
}
export interface StringNode extends Common {
  kind: 'string';
  enum?: string[];
  minLength: number;
  maxLength?: number;
  pattern?: string;
  format?: StringFormat;
}
export interface NumericNode extends Common {
  kind: 'integer' | 'number';
  enum?: number[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum: boolean;
  exclusiveMaximum: boolean;
}
export interface BooleanNode extends Common {
  kind: 'boolean';
  enum?: boolean[];
}
export interface ArrayNode extends Common {
  kind: 'array';
  items: SchemaNode;
  minItems: number;
  maxItems?: number;
}
export interface ObjectNode extends Common {
  kind: 'object';
  properties: { [name: string]: SchemaNode };
  required: string[];
  /** `additionalProperties`: false, true or absent, or the schema extra properties follow. */
  additional: 'forbidden' | 'allowed' | SchemaNode;
  minProperties: number;
  maxProperties?: number;
}
export interface ChoiceNode extends Common {
  kind: 'oneOf' | 'anyOf';
  branches: SchemaNode[];
}
export type SchemaNode = StringNode | NumericNode | BooleanNode | ArrayNode | ObjectNode | ChoiceNode;

/** The JSON kinds a value can have; `integer` and `float` split JSON numbers as `integer` and `number` schemas do. */
export type JsonKind = 'string' | 'integer' | 'float' | 'boolean' | 'null' | 'array' | 'object';

/** The JSON kinds a node admits: what wrong-type values must avoid, and what oneOf branches must not share. */
export function kindsOf(node: SchemaNode): Set<JsonKind> {
  const kinds = new Set<JsonKind>(node.nullable ? ['null'] : []);
  if ('enum' in node && node.enum) {
    for (const value of node.enum)
      kinds.add(typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'float') : (typeof value as JsonKind));
    return kinds;
  }
  switch (node.kind) {
    case 'oneOf':
    case 'anyOf':
      for (const branch of node.branches) for (const kind of kindsOf(branch)) kinds.add(kind);
      break;
    case 'number':
      kinds.add('integer').add('float');
      break;
    default:
      kinds.add(node.kind);
  }
  return kinds;
}
