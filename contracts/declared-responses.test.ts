// Every status a handler can answer is declared by its operation: a client
// generated from the contract must know it. withHttp answers 403 for any
// operation (a token with no usable user id or role), and the JSON body reader
// answers 415 for any operation that takes a body. API Gateway answers 429 on
// any route of a deployed stage once its throttling limits are passed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';

interface Operation {
  operationId: string;
  requestBody?: unknown;
  responses: Record<string, unknown>;
}
const document = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.values(document.paths).flatMap((item) => Object.values(item).filter((op) => op?.responses));

test('the contract has its operations', () => assert.ok(operations.length >= 11));

for (const operation of operations) {
  test(`${operation.operationId} declares 400, 401, 403, 429 and 500${operation.requestBody ? ', and 415 as it takes a body' : ''}`, () => {
    const expected = ['400', '401', '403', '429', '500', ...(operation.requestBody ? ['415'] : [])];
    assert.deepEqual(
      expected.filter((code) => !(code in operation.responses)),
      [],
    );
  });
}
