import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContractDocument } from './contract-document.ts';
import { loadContractDocument } from './contract-document.ts';
import { readSchema } from './read-schema.ts';
import { schemaArbitrary } from './schema-arbitrary.ts';
import { UnsupportedSchemaError } from './unsupported-schema-error.ts';

const documentWith = (schemas: Record<string, unknown>): ContractDocument => ({ paths: {}, components: { schemas } });

function refusal(document: ContractDocument, schema: unknown): UnsupportedSchemaError {
  try {
    schemaArbitrary(document, schema);
  } catch (error) {
    assert.ok(error instanceof UnsupportedSchemaError, `expected an UnsupportedSchemaError, got ${String(error)}`);
    return error;
  }
  assert.fail(`${JSON.stringify(schema)} was accepted`);
}

const REFUSED: [string, unknown, string][] = [
  ['not', { type: 'string', not: { enum: ['x'] } }, 'not'],
  ['multipleOf', { type: 'number', multipleOf: 0.01 }, 'multipleOf'],
  ['uniqueItems', { type: 'array', items: { type: 'string' }, uniqueItems: true }, 'uniqueItems'],
  ['readOnly', { type: 'string', readOnly: true }, 'readOnly'],
  ['a keyword of another type', { type: 'string', minimum: 1 }, 'minimum'],
  ['an unknown string format', { type: 'string', format: 'hostname' }, 'format'],
  ['a schema without type', { minLength: 1 }, 'type'],
  ['type as a list (OpenAPI 3.1)', { type: ['string', 'null'] }, 'type'],
  ['an enum of null alone without nullable', { type: 'string', enum: [null] }, 'enum'],
  ['a type named like an Object member', { type: 'constructor' }, 'type'],
  ['an integer enum with a fraction', { type: 'integer', enum: [1, 1.5] }, 'enum'],
  ['exclusiveMinimum as a number (OpenAPI 3.1)', { type: 'integer', exclusiveMinimum: 0 }, 'exclusiveMinimum'],
  [
    'discriminator beside oneOf',
    { oneOf: [{ type: 'string' }, { type: 'integer' }], discriminator: { propertyName: 'x' } },
    'discriminator',
  ],
  ['oneOf branches of one kind', { oneOf: [{ type: 'integer' }, { type: 'number' }] }, 'oneOf'],
  ['keywords beside $ref', { $ref: '#/components/schemas/Name', maxLength: 3 }, 'maxLength'],
  ['conflicting allOf parts', { allOf: [{ $ref: '#/components/schemas/Name' }], type: 'string', maxLength: 5 }, 'maxLength'],
  ['a required property that is not declared', { type: 'object', required: ['a'], properties: {} }, 'required'],
  ['bounds no value meets', { type: 'string', minLength: 5, maxLength: 2 }, 'maxLength'],
  ['a pattern fast-check cannot generate from', { type: 'string', pattern: '^(?=a)a$' }, 'pattern'],
];

for (const [what, schema, keyword] of REFUSED) {
  test(`refuses ${what}, naming the keyword`, () => {
    const error = refusal(documentWith({ Name: { type: 'string', maxLength: 10 } }), schema);
    assert.equal(error.code, 'FUZZ_ERR_UNSUPPORTED_SCHEMA');
    assert.equal(error.keyword, keyword);
  });
}

test('refuses a recursive schema instead of looping', () => {
  const document = documentWith({ Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } });
  const error = refusal(document, { $ref: '#/components/schemas/Node' });
  assert.equal(error.keyword, '$ref');
  assert.match(error.message, /recursive/);
});

test("refuses the contract's multipart upload schema (format binary): multipart bodies are the caller's", () => {
  const error = refusal(loadContractDocument(), { $ref: '#/components/schemas/AddEvidenceUpload' });
  assert.equal(error.keyword, 'format');
  assert.equal(error.at, '#/components/schemas/AddEvidenceUpload/properties/file');
});

test('annotations and extensions are ignored', () => {
  const node = readSchema(documentWith({}), { type: 'integer', description: 'd', example: 1, default: 2, title: 't', 'x-note': true });
  assert.deepEqual(node, { kind: 'integer', nullable: false, at: '#', exclusiveMinimum: false, exclusiveMaximum: false });
});

test('allOf narrows a shared schema: the parts merge, and nullable beside allOf admits null', () => {
  const document = documentWith({ Decimal: { type: 'string', pattern: '^\\d+$' } });
  const node = readSchema(document, { allOf: [{ $ref: '#/components/schemas/Decimal' }], type: 'string', nullable: true });
  assert.deepEqual(node, { kind: 'string', nullable: true, at: '#', minLength: 0, pattern: '^\\d+$' });
});

test('int32 becomes bounds', () => {
  const node = readSchema(documentWith({}), { type: 'integer', format: 'int32', minimum: 0 });
  assert.equal(node.kind, 'integer');
  assert.deepEqual([node.kind === 'integer' && node.minimum, node.kind === 'integer' && node.maximum], [0, 2 ** 31 - 1]);
});
