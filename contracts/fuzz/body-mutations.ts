// Request bodies that break an operation's requestBody: none where one is
// required, the wrong JSON kind, text that is not JSON, an undeclared content
// type, and, for an object body, a required property left out, a property the
// schema does not know (only where additionalProperties is false), too few
// properties, or one property's value broken (value-mutations.ts).
import fc from 'fast-check';
import { wrongContentTypes } from './content-types.ts';
import type { InvalidCategory } from './invalid-categories.ts';
import { malformedJson } from './malformed-json.ts';
import type { FuzzOperation } from './operations.ts';
import { JSON_CONTENT_TYPES, type FuzzRequest } from './request-arbitrary.ts';
import { nodeArbitrary } from './schema-arbitrary.ts';
import type { ObjectNode } from './schema-node.ts';
import { valueMutations, wrongTypeMutation } from './value-mutations.ts';

type SentBody = Pick<FuzzRequest, 'body' | 'contentType'> & {
  /** The exact field, when it differs per request (an unknown property's name). */ field?: string;
};

export interface BodyMutation {
  category: InvalidCategory;
  /** `body`, or `body.<property>`. */
  field: string;
  detail: string;
  bodies: fc.Arbitrary<SentBody>;
}

const UNKNOWN_NAMES = fc.oneof(
  fc.constantFrom('id', 'status', 'version', 'created_at', 'admin', '__proto__', 'constructor', ''),
  fc.string({ minLength: 1, maxLength: 20 }),
);
const ANY_VALUE = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));

export function bodyMutations(operation: FuzzOperation): BodyMutation[] {
  const spec = operation.body;
  if (!spec) return [];
  const mutations: BodyMutation[] = [];
  if (spec.required) mutations.push({ category: 'missing-required', field: 'body', detail: 'no body', bodies: fc.constant({}) });
  if (!spec.json) return mutations;
  const { node } = spec.json;
  const valid = nodeArbitrary(node);
  const asJson = (values: fc.Arbitrary<unknown>): fc.Arbitrary<SentBody> =>
    fc.tuple(values, fc.constantFrom(...JSON_CONTENT_TYPES)).map(([json, contentType]) => ({ body: { json }, contentType }));

  const wrongType = wrongTypeMutation(node);
  if (wrongType) mutations.push({ category: 'wrong-type', field: 'body', detail: wrongType.detail, bodies: asJson(wrongType.values) });
  mutations.push({
    category: 'malformed-json',
    field: 'body',
    detail: 'not JSON',
    bodies: fc
      .tuple(malformedJson(valid.map((json) => JSON.stringify(json))), fc.constantFrom(...JSON_CONTENT_TYPES))
      .map(([{ text }, contentType]) => ({ body: { text }, contentType })),
  });
  mutations.push({
    category: 'wrong-content-type',
    field: 'body',
    detail: `not ${spec.mediaTypes.join(' or ')}`,
    bodies: fc
      .tuple(valid, wrongContentTypes(spec.mediaTypes))
      .map(([json, contentType]) => (contentType === undefined ? { body: { json } } : { body: { json }, contentType })),
  });
  if (node.kind === 'object' && !node.nullable)
    mutations.push(...objectMutations(node, valid as fc.Arbitrary<Record<string, unknown>>, asJson));
  return mutations;
}

function objectMutations(
  node: ObjectNode,
  valid: fc.Arbitrary<Record<string, unknown>>,
  asJson: (values: fc.Arbitrary<unknown>) => fc.Arbitrary<SentBody>,
): BodyMutation[] {
  const mutations: BodyMutation[] = [];
  for (const name of node.required) {
    const bodies = asJson(valid.map(({ [name]: _left, ...rest }) => rest));
    mutations.push({ category: 'missing-required', field: `body.${name}`, detail: `required ${name} left out`, bodies });
  }
  if (node.additional === 'forbidden') {
    const names = UNKNOWN_NAMES.filter((name) => !Object.hasOwn(node.properties, name));
    const bodies = fc.tuple(valid, names, ANY_VALUE, fc.constantFrom(...JSON_CONTENT_TYPES)).map(([json, name, value, contentType]) => ({
      // fromEntries defines the property, even one named __proto__, where assignment would not.
      body: { json: Object.fromEntries([...Object.entries(json), [name, value]]) },
      contentType,
      field: `body.${name}`,
    }));
    mutations.push({
      category: 'unknown-field',
      field: 'body',
      detail: 'a property the schema does not declare (additionalProperties: false)',
      bodies,
    });
  }
  const fewest = node.minProperties - 1 - node.required.length;
  if (fewest >= 0) {
    const bodies = asJson(
      valid.map((json) => {
        const optional = Object.keys(json)
          .filter((key) => !node.required.includes(key))
          .slice(fewest);
        return Object.fromEntries(Object.entries(json).filter(([key]) => !optional.includes(key)));
      }),
    );
    mutations.push({ category: 'too-few-properties', field: 'body', detail: `fewer than minProperties ${node.minProperties}`, bodies });
  }
  for (const [name, property] of Object.entries(node.properties)) {
    for (const mutation of valueMutations(property)) {
      const bodies = asJson(fc.tuple(valid, mutation.values).map(([json, value]) => ({ ...json, [name]: value })));
      mutations.push({ category: mutation.category, field: `body.${name}`, detail: mutation.detail, bodies });
    }
  }
  return mutations;
}
