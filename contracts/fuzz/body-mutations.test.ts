import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ContractDocument } from './contract-document.ts';
import { bodyMutations } from './body-mutations.ts';
import { fuzzOperations } from './operations.ts';

// Body schemas unlike the contract's (all closed, no names an unknown-field
// mutation likes to try), where a careless mutation would go unnoticed.
function operationWith(schema: object, required = true) {
  const document: ContractDocument = {
    paths: {
      '/x': {
        post: { operationId: 'x', requestBody: { required, content: { 'application/json': { schema } } }, responses: { '200': {} } },
      },
    },
  };
  return fuzzOperations(document)[0]!;
}

const jsonOf = (body: unknown): Record<string, unknown> => (body as { json: Record<string, unknown> }).json;

test('unknown properties never reuse a declared name, even the ones it tries first', () => {
  const declared = ['id', 'status', 'version', 'created_at', 'admin', 'constructor'];
  const schema = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(declared.map((name) => [name, { type: 'string' }])),
  };
  const unknown = bodyMutations(operationWith(schema)).find(({ category }) => category === 'unknown-field')!;
  for (const sent of fc.sample(unknown.bodies, { seed: 2, numRuns: 200 })) {
    const extra = Object.keys(jsonOf(sent.body)).filter((key) => !declared.includes(key));
    assert.equal(extra.length, 1, JSON.stringify(jsonOf(sent.body)));
    assert.equal(sent.field, `body.${extra[0]}`);
  }
});

test('a property named __proto__ is sent as a property', () => {
  const unknown = bodyMutations(operationWith({ type: 'object', additionalProperties: false, properties: {} })).find(
    ({ category }) => category === 'unknown-field',
  )!;
  const texts = fc.sample(unknown.bodies, { seed: 2, numRuns: 300 }).map((sent) => JSON.stringify(jsonOf(sent.body)));
  assert.ok(
    texts.some((text) => text.startsWith('{"__proto__":')),
    'no __proto__ property sent',
  );
});

test('an open object gets no unknown-property mutation; an optional body is never "missing"', () => {
  const categories = bodyMutations(operationWith({ type: 'object', properties: { a: { type: 'string' } } }, false)).map(
    ({ category }) => category,
  );
  assert.ok(!categories.includes('unknown-field'));
  assert.ok(!categories.includes('missing-required'));
  assert.ok(categories.includes('malformed-json') && categories.includes('wrong-content-type'));
});

test('too few properties keeps the required ones', () => {
  const schema = {
    type: 'object',
    required: ['d'],
    minProperties: 3,
    properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' }, d: { type: 'string' } },
  };
  const fewer = bodyMutations(operationWith(schema)).find(({ category }) => category === 'too-few-properties')!;
  for (const sent of fc.sample(fewer.bodies, { seed: 2, numRuns: 100 })) {
    const keys = Object.keys(jsonOf(sent.body));
    assert.ok(keys.includes('d') && keys.length < 3, keys.join());
  }
});
