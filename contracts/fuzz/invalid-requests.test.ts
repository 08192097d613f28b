import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadContractDocument } from './contract-document.ts';
import { isHeaderValue } from './header-values.ts';
import { INVALID_CATEGORIES } from './invalid-categories.ts';
import { type InvalidCase, invalidRequestCases, invalidRequests } from './invalid-requests.ts';
import { isJson, mediaTypeOf } from './media-type.ts';
import { fuzzOperations, findOperation } from './operations.ts';
import { checkRequest } from './request-check.ts';
import { requestLineAndHeaders } from './request-wire.ts';
import { createSchemaCheck } from './schema-check.ts';

const document = loadContractDocument();
const operations = fuzzOperations(document);
const check = createSchemaCheck();
const sample = <T>(arbitrary: fc.Arbitrary<T>, numRuns = 15): T[] => fc.sample(arbitrary, { seed: 31337, numRuns });
const casesOf = (operationId: string): InvalidCase[] => invalidRequestCases(findOperation(operations, operationId));
const tags = (cases: InvalidCase[]) =>
  cases.map(({ category, field, detail }) => `${category} ${field} ${category === 'bad-path-id' ? detail : ''}`.trim());

for (const operation of operations) {
  test(`${operation.method} ${operation.path}: each invalid request breaks the field it names, and only that`, () => {
    const cases = invalidRequestCases(operation);
    assert.ok(cases.length > 0);
    for (const invalidCase of cases) {
      for (const request of sample(invalidCase.requests)) {
        const { category, field } = request.invalid;
        const problems = checkRequest(operation, request, check);
        const shown = `${category} ${field}: ${JSON.stringify(request).slice(0, 300)}`;
        // Only the server's signature check refuses these (cursor-tampering.test.ts).
        if (category === 'tampered-cursor') assert.deepEqual(problems, {}, shown);
        else assert.deepEqual(Object.keys(problems), [field], `${shown}\nproblems: ${JSON.stringify(problems)}`);
        assert.equal(category, invalidCase.category);
        for (const value of Object.values(request.headers)) assert.ok(isHeaderValue(value), `${shown}: a header cannot carry it`);
        assert.ok(requestLineAndHeaders(request) < 9 * 1024, `${shown}: too long for API Gateway's 10 KiB with a token`);
        if (category === 'malformed-json') assert.ok(request.body && 'text' in request.body && !isJson(request.body.text), shown);
        if (category === 'wrong-content-type') assert.ok(!operation.body?.mediaTypes.includes(mediaTypeOf(request.contentType)), shown);
      }
    }
  });
}

test('every category is produced somewhere in the contract', () => {
  const produced = new Set(operations.flatMap((operation) => invalidRequestCases(operation).map(({ category }) => category)));
  assert.deepEqual([...produced].sort(), [...INVALID_CATEGORIES].sort());
});

test('a dispute id is broken five ways', () => {
  assert.deepEqual(tags(casesOf('getDispute')), [
    'bad-path-id path.id non-numeric',
    'bad-path-id path.id float',
    'bad-path-id path.id zero',
    'bad-path-id path.id negative',
    'bad-path-id path.id huge',
  ]);
  const huge = sample(casesOf('getDispute').find((c) => c.detail === 'huge')!.requests);
  assert.ok(huge.every((request) => BigInt(request.pathParams['id']!) > 9007199254740991n));
});

test('listDisputes: query parameters out of range, not in the enum, a made-up cursor', () => {
  assert.deepEqual(tags(casesOf('listDisputes')), [
    'unknown-enum query.status',
    'wrong-type query.limit',
    'wrong-type query.limit',
    'below-minimum query.limit',
    'above-maximum query.limit',
    'too-short query.cursor',
    'too-long query.cursor',
    'oversize-string query.cursor',
    'tampered-cursor query.cursor',
    'wrong-type query.page_size',
    'wrong-type query.page_size',
    'below-minimum query.page_size',
    'above-maximum query.page_size',
    'wrong-type query.page',
    'wrong-type query.page',
    'below-minimum query.page',
    'above-maximum query.page',
  ]);
});

test('createDispute: its body broken every way the schema allows', () => {
  const found = new Set(tags(casesOf('createDispute')));
  for (const expected of [
    'missing-required body',
    'wrong-type body',
    'malformed-json body',
    'wrong-content-type body',
    'missing-required body.project',
    'missing-required body.reason',
    'missing-required body.description',
    'unknown-field body',
    'wrong-type body.project',
    'below-minimum body.project',
    'pattern-mismatch body.project',
    'unknown-enum body.reason',
    'too-short body.description',
    'too-long body.description',
    'oversize-string body.description',
    'below-minimum body.amount_disputed',
    'above-maximum body.amount_disputed',
    'pattern-mismatch body.amount_disputed',
    'too-short header.idempotency-key',
    'too-long header.idempotency-key',
  ]) {
    assert.ok(found.has(expected), `missing ${expected}`);
  }
});

test('an unknown property is named in the tag of each request, as the server names it', () => {
  const unknown = casesOf('createDispute').find(({ category }) => category === 'unknown-field')!;
  for (const request of sample(unknown.requests, 40)) {
    const body = request.body && 'json' in request.body ? (request.body.json as object) : {};
    const extra = Object.keys(body).filter((key) => !['project', 'reason', 'description', 'amount_disputed', 'priority'].includes(key));
    assert.deepEqual(
      [request.invalid.field],
      extra.map((key) => `body.${key}`),
    );
  }
});

test('only closed objects get unknown properties, only minProperties gets too few', () => {
  assert.ok(tags(casesOf('updateDisputeStatus')).includes('too-few-properties body'));
  assert.ok(!tags(casesOf('createDispute')).includes('too-few-properties body'));
  assert.ok(operations.every((operation) => !operation.body || tags(invalidRequestCases(operation)).includes('unknown-field body')));
});

test('optional bodies are never missing-required; operations without a body get no body cases', () => {
  assert.ok(!tags(casesOf('closeDispute')).includes('missing-required body'));
  assert.ok(tags(casesOf('acceptResolution')).every((tag) => !tag.includes('body')));
});

test('oversize bodies reach past the 64 KiB JSON cap', () => {
  const oversize = casesOf('sendDisputeMessage').find(({ category, field }) => category === 'oversize-string' && field === 'body.message')!;
  const sizes = sample(oversize.requests, 30).map((request) =>
    Buffer.byteLength(JSON.stringify(request.body && 'json' in request.body ? request.body.json : '')),
  );
  assert.ok(
    sizes.some((size) => size > 64 * 1024),
    String(sizes),
  );
});

test('invalid requests keep the caller-given parameters, except the one they break', () => {
  const parameters = { 'path.id': fc.constant('7') };
  for (const request of sample(invalidRequests(findOperation(operations, 'escalateDispute'), { parameters }), 100)) {
    if (request.invalid.field !== 'path.id') assert.equal(request.pathParams['id'], '7');
    else assert.notEqual(request.pathParams['id'], '7');
  }
});
