import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type ContractDocument, loadContractDocument } from './contract-document.ts';
import { isHeaderValue } from './header-values.ts';
import { fuzzOperations, findOperation } from './operations.ts';
import { type FuzzRequest, validRequests } from './request-arbitrary.ts';
import { checkRequest } from './request-check.ts';
import { requestData, requestHeaders, requestLineAndHeaders, requestUrl } from './request-wire.ts';
import { createSchemaCheck } from './schema-check.ts';

const document = loadContractDocument();
const operations = fuzzOperations(document);
const check = createSchemaCheck();
const sample = <T>(arbitrary: fc.Arbitrary<T>, numRuns = 200): T[] => fc.sample(arbitrary, { seed: 424242, numRuns });

for (const operation of operations) {
  test(`${operation.method} ${operation.path}: 200 valid requests pass the contract's schemas`, () => {
    for (const request of sample(validRequests(operation))) {
      assert.deepEqual(checkRequest(operation, request, check), {}, JSON.stringify(request).slice(0, 400));
      assert.equal(request.method, operation.method);
      assert.equal(request.path, operation.path);
      for (const value of Object.values(request.headers)) assert.ok(isHeaderValue(value), `header value ${JSON.stringify(value)}`);
      if (request.body) assert.match(request.contentType ?? '', /^application\/json(; charset=utf-8)?$/);
      assert.ok(requestLineAndHeaders(request) < 9 * 1024);
    }
  });
}

test('optional parameters and optional bodies are sometimes sent and sometimes not', () => {
  const requests = sample(validRequests(findOperation(operations, 'closeDispute')));
  const share = (has: (request: FuzzRequest) => boolean) => requests.filter(has).length / requests.length;
  for (const has of [
    (r: FuzzRequest) => 'if-match' in r.headers,
    (r: FuzzRequest) => 'idempotency-key' in r.headers,
    (r: FuzzRequest) => !!r.body,
  ]) {
    assert.ok(share(has) > 0.2 && share(has) < 0.9, String(share(has)));
  }
  for (const request of requests) assert.ok(/^[1-9]\d*$/.test(request.pathParams['id'] ?? ''));
});

test('a cursor is sent only when the caller gives one the server issued', () => {
  const list = findOperation(operations, 'listDisputes');
  assert.ok(sample(validRequests(list)).every((request) => !('cursor' in request.query)));
  const given = sample(validRequests(list, { parameters: { 'query.cursor': fc.constant('issued.cursor') } }), 20);
  assert.ok(given.every((request) => request.query['cursor'] === 'issued.cursor'));
});

test('the caller can fix a parameter for every operation; fields an operation lacks are ignored', () => {
  const parameters = { 'path.id': fc.constant('42'), 'header.if-match': fc.constant(undefined) };
  for (const operation of operations) {
    for (const request of sample(validRequests(operation, { parameters }), 20)) {
      if (operation.path.includes('{id}')) assert.equal(request.pathParams['id'], '42');
      assert.equal(request.headers['if-match'], undefined);
    }
  }
});

test('addEvidence gets JSON bodies only: multipart uploads are built by the caller', () => {
  const requests = sample(validRequests(findOperation(operations, 'addEvidence')), 50);
  assert.ok(requests.every((request) => request.body && 'json' in request.body && request.contentType?.startsWith('application/json')));
});

test('an operation whose required body has no JSON form cannot be generated', () => {
  const multipartOnly: ContractDocument = {
    paths: {
      '/upload': {
        post: {
          operationId: 'upload',
          requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object' } } } },
          responses: { '201': {} },
        },
      },
    },
  };
  const [operation] = fuzzOperations(multipartOnly);
  assert.throws(() => validRequests(operation!), /build its body in the caller/);
});

test('the check finds what is wrong, field by field', () => {
  const update = findOperation(operations, 'updateDisputeStatus');
  const request: FuzzRequest = {
    operationId: update.operationId,
    method: update.method,
    path: update.path,
    pathParams: { id: 'abc' },
    query: { extra: '1' },
    headers: {},
    body: { json: { status: 'lost', note: 1 } },
    contentType: 'application/json',
  };
  assert.deepEqual(Object.keys(checkRequest(update, request, check)).sort(), ['body.note', 'body.status', 'path.id', 'query.extra']);
  assert.deepEqual(Object.keys(checkRequest(update, { ...request, pathParams: { id: '1' }, query: {}, body: undefined }, check)), ['body']);
  const asText = { ...request, pathParams: { id: '1' }, query: {}, body: { text: '{"status":' } };
  assert.deepEqual(checkRequest(update, asText, check), { body: ['not JSON'] });
  assert.deepEqual(Object.keys(checkRequest(update, { ...asText, body: { json: { status: 'open' } }, contentType: 'text/plain' }, check)), [
    'body',
  ]);
});

test('the wire form: path filled in and encoded, query string, content type, JSON text', () => {
  const request: FuzzRequest = {
    operationId: 'listDisputeMessages',
    method: 'GET',
    path: '/disputes/{id}/messages',
    pathParams: { id: 'a b/c' },
    query: { limit: '5', cursor: 'x&y=z +' },
    headers: { 'idempotency-key': 'k' },
    body: { json: { a: 1 } },
    contentType: 'application/json',
  };
  assert.equal(requestUrl(request), '/disputes/a%20b%2Fc/messages?limit=5&cursor=x%26y%3Dz%20%2B');
  assert.deepEqual(requestHeaders(request), { 'idempotency-key': 'k', 'content-type': 'application/json' });
  assert.equal(requestData(request), '{"a":1}');
  assert.equal(requestData({ ...request, body: { text: '{oops' } }), '{oops');
  assert.equal(requestData({ ...request, body: undefined }), undefined);
  assert.throws(() => requestUrl({ ...request, pathParams: {} }), /no value for path parameter id/);
});
