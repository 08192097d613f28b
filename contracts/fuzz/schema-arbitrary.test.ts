import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadContractSchemas } from '../response-validator.ts';
import { type ContractDocument, loadContractDocument } from './contract-document.ts';
import { schemaArbitrary } from './schema-arbitrary.ts';
import { createSchemaCheck } from './schema-check.ts';

const contract = loadContractDocument();
const checkContract = createSchemaCheck();

function assertAllValid(document: ContractDocument, schema: unknown, numRuns: number): unknown[] {
  const check = document === contract ? checkContract : checkSynthetic;
  const values = fc.sample(schemaArbitrary(document, schema), { seed: 20260101, numRuns });
  for (const value of values) {
    const problems = check(schema, value);
    assert.deepEqual(problems, [], `${JSON.stringify(schema)} generated ${JSON.stringify(value).slice(0, 300)}`);
  }
  return values;
}

// The multipart form (format: binary) is not generated; schema-node.test.ts checks that it is refused.
const schemaNames = Object.keys(contract.components?.['schemas'] ?? {}).filter((name) => name !== 'AddEvidenceUpload');

test('every schema of the contract yields values that validate against it', () => {
  assert.ok(schemaNames.length > 20);
  for (const name of schemaNames) assertAllValid(contract, { $ref: `#/components/schemas/${name}` }, 40);
});

test('nullable fields are sometimes null and sometimes not', () => {
  const disputes = assertAllValid(contract, { $ref: '#/components/schemas/Dispute' }, 60) as { resolved_at: unknown; mediator: unknown }[];
  for (const field of ['resolved_at', 'mediator'] as const) {
    assert.ok(disputes.some((dispute) => dispute[field] === null));
    assert.ok(disputes.some((dispute) => dispute[field] !== null));
  }
});

test('strings reach their maxLength, where limits are checked', () => {
  const values = assertAllValid(contract, { type: 'string', minLength: 1, maxLength: 5000 }, 100) as string[];
  assert.ok(values.some((value) => [...value].length === 5000));
  assert.ok(values.some((value) => [...value].length < 50));
});

const synthetic: ContractDocument = {
  paths: {},
  components: {
    schemas: {
      Code: { type: 'string', pattern: '^[A-Z]{3}-\\d{2}$' },
      Tagged: { type: 'object', required: ['tag'], properties: { tag: { type: 'string', enum: ['a', 'b'] } } },
    },
  },
};

const SUBSET: [string, unknown][] = [
  ['exclusive number bounds', { type: 'number', minimum: 0, maximum: 1, exclusiveMinimum: true, exclusiveMaximum: true }],
  ['exclusive integer bounds', { type: 'integer', minimum: 0, maximum: 3, exclusiveMinimum: true, exclusiveMaximum: true }],
  ['integers past 32 bits', { type: 'integer', minimum: 2 ** 40, maximum: 2 ** 50 }],
  ['an unbounded integer', { type: 'integer' }],
  ['int32', { type: 'integer', format: 'int32' }],
  ['a nullable enum', { type: 'string', enum: ['x', 'y'], nullable: true }],
  ['null and nothing else (enum [null] with nullable)', { type: 'string', nullable: true, enum: [null] }],
  ['anyOf with null', { anyOf: [{ $ref: '#/components/schemas/Code' }, { type: 'string', nullable: true, enum: [null] }] }],
  ['a boolean', { type: 'boolean' }],
  ['a pattern with lengths', { type: 'string', pattern: '^\\d+$', minLength: 2, maxLength: 4 }],
  ['a referenced pattern', { $ref: '#/components/schemas/Code' }],
  ['date-time', { type: 'string', format: 'date-time' }],
  ['date', { type: 'string', format: 'date' }],
  ['email', { type: 'string', format: 'email' }],
  ['uuid', { type: 'string', format: 'uuid' }],
  ['uri', { type: 'string', format: 'uri' }],
  ['an array with item bounds', { type: 'array', items: { $ref: '#/components/schemas/Code' }, minItems: 1, maxItems: 3 }],
  ['a map (additionalProperties as a schema)', { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } }],
  [
    'minProperties and maxProperties',
    {
      type: 'object',
      properties: { a: { type: 'boolean' }, b: { type: 'boolean' }, c: { type: 'boolean' } },
      minProperties: 1,
      maxProperties: 2,
    },
  ],
  ['a closed object', { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } }],
  [
    'anyOf',
    {
      anyOf: [
        { type: 'integer', maximum: 0 },
        { type: 'integer', minimum: 10 },
        { type: 'string', maxLength: 2 },
      ],
    },
  ],
  ['oneOf', { oneOf: [{ type: 'boolean' }, { $ref: '#/components/schemas/Tagged' }], nullable: true }],
  [
    'allOf adding a property',
    { allOf: [{ $ref: '#/components/schemas/Tagged' }, { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } }] },
  ],
  [
    'allOf on a shared property',
    { allOf: [{ $ref: '#/components/schemas/Tagged' }, { properties: { tag: { type: 'string', maxLength: 1 } } }] },
  ],
];

// The response validator loads its schemas from a file: give it the synthetic document as one (JSON is YAML).
const syntheticFile = path.join(mkdtempSync(path.join(tmpdir(), 'fuzz-schemas-')), 'openapi.json');
writeFileSync(syntheticFile, JSON.stringify(synthetic));
const checkSynthetic = createSchemaCheck(loadContractSchemas(syntheticFile));

for (const [what, schema] of SUBSET) {
  test(`supports ${what}`, () => {
    assertAllValid(synthetic, schema, 100);
  });
}

test('the same seed gives the same values', () => {
  const arbitrary = schemaArbitrary(contract, { $ref: '#/components/schemas/CreateDisputeRequest' });
  assert.deepEqual(fc.sample(arbitrary, { seed: 7, numRuns: 20 }), fc.sample(arbitrary, { seed: 7, numRuns: 20 }));
});
