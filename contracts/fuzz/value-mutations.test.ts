import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ContractDocument } from './contract-document.ts';
import { createSchemaCheck } from './schema-check.ts';
import { readSchema } from './read-schema.ts';
import { valueMutations } from './value-mutations.ts';

// Schemas where a careless mutation would often hit a valid value: the
// contract's own schemas rarely do, so they alone would not catch it.
const document: ContractDocument = { paths: {}, components: {} };
const check = createSchemaCheck();

function categoriesRefused(schema: unknown): string[] {
  const mutations = valueMutations(readSchema(document, schema));
  for (const mutation of mutations) {
    for (const value of fc.sample(mutation.values, { seed: 8, numRuns: 100 })) {
      assert.notDeepEqual(check(schema, value), [], `${mutation.category} (${mutation.detail}) gave a valid ${JSON.stringify(value)}`);
    }
  }
  return mutations.map(({ category }) => category);
}

test('a pattern that the empty string and plain letters match', () => {
  assert.deepEqual(categoriesRefused({ type: 'string', pattern: '^[a-z]*$', maxLength: 3 }), [
    'wrong-type',
    'too-long',
    'oversize-string',
    'pattern-mismatch',
  ]);
});

test('an enum whose values are each other variants', () => {
  assert.deepEqual(categoriesRefused({ type: 'string', enum: ['a', 'A', 'ax', '', ' a'] }), ['wrong-type', 'unknown-enum']);
  assert.deepEqual(categoriesRefused({ type: 'integer', enum: [1, 2, 3] }), ['wrong-type', 'unknown-enum']);
});

test('anyOf branches that share a kind: a branch is broken only where no other takes the value', () => {
  const categories = categoriesRefused({
    anyOf: [
      { type: 'integer', minimum: 5 },
      { type: 'number', maximum: 0 },
      { type: 'string', minLength: 2 },
    ],
  });
  assert.deepEqual(categories, ['wrong-type', 'too-short']);
});

test('bounds, exclusive bounds and nullable', () => {
  const exclusive = valueMutations(readSchema(document, { type: 'number', minimum: 0, exclusiveMinimum: true }));
  const below = exclusive.find(({ category }) => category === 'below-minimum')!;
  assert.ok(fc.sample(below.values, { seed: 8, numRuns: 100 }).includes(0), 'an exclusive minimum is itself out of range');
  assert.deepEqual(categoriesRefused({ type: 'number', minimum: 0, maximum: 1, exclusiveMinimum: true, exclusiveMaximum: true }), [
    'wrong-type',
    'below-minimum',
    'above-maximum',
  ]);
  assert.deepEqual(categoriesRefused({ type: 'integer', minimum: 1, maximum: 9007199254740991, nullable: true }), [
    'wrong-type',
    'below-minimum',
    'above-maximum',
  ]);
  assert.deepEqual(categoriesRefused({ type: 'array', items: { type: 'boolean' }, minItems: 2, maxItems: 3 }), [
    'wrong-type',
    'too-short',
    'too-long',
  ]);
});

test('a pattern that refuses blanks gets blanks', () => {
  const schema = { type: 'string', minLength: 1, maxLength: 50, pattern: '\\S' };
  const mismatch = valueMutations(readSchema(document, schema)).find(({ category }) => category === 'pattern-mismatch')!;
  const values = fc.sample(mismatch.values, { seed: 8, numRuns: 50 }) as string[];
  assert.ok(values.every((value) => value.length > 0 && value.trim() === ''));
  assert.deepEqual(categoriesRefused(schema), ['wrong-type', 'too-short', 'too-long', 'oversize-string', 'pattern-mismatch']);
});

test('null written as OpenAPI 3.0 allows it (enum [null] with nullable), alone or in anyOf', () => {
  const nullValue = { type: 'string', nullable: true, enum: [null] };
  assert.deepEqual(categoriesRefused(nullValue), ['wrong-type']);
  assert.deepEqual(categoriesRefused({ anyOf: [{ type: 'string', enum: ['a', 'b'] }, nullValue] }), ['wrong-type', 'unknown-enum']);
});
