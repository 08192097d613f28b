import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateResult } from './validate-result.ts';
import { mapResult } from './map-result.ts';

function map(result: unknown) {
  const verdict = validateResult(result);
  assert.ok(verdict.ok, 'expected a valid result');
  return mapResult(result, verdict);
}

test('structured result: status, lower-cased headers, cookies, text body', () => {
  const response = map({
    statusCode: 201,
    headers: { 'Content-Type': 'application/json', 'X-Count': 3 },
    cookies: ['a=1; Path=/'],
    body: '{"id":1}',
  });
  assert.equal(response.statusCode, 201);
  assert.deepEqual(response.headers, { 'content-type': 'application/json', 'x-count': '3' });
  assert.deepEqual(response.cookies, ['a=1; Path=/']);
  assert.equal(response.body.toString(), '{"id":1}');
});

test('structured result: base64 body is decoded', () => {
  const response = map({ statusCode: 200, body: Buffer.from([1, 2, 3]).toString('base64'), isBase64Encoded: true });
  assert.deepEqual([...response.body], [1, 2, 3]);
});

test('structured result without body sends an empty body', () => {
  assert.equal(map({ statusCode: 204 }).body.length, 0);
});

test('a result without statusCode is a simple response: 200 JSON', () => {
  for (const value of [{ hello: 'world' }, 'text', 42, [1, 2], null]) {
    const response = map(value);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/json');
    assert.equal(response.body.toString(), JSON.stringify(value));
  }
});

test('malformed results are refused', () => {
  const bad: unknown[] = [
    { statusCode: '200' },
    { statusCode: 99 },
    { statusCode: 600 },
    { statusCode: 200.5 },
    { statusCode: 200, body: { a: 1 } },
    { statusCode: 200, headers: ['a'] },
    { statusCode: 200, headers: { a: { b: 1 } } },
    { statusCode: 200, headers: { 'bad name': 'x' } },
    { statusCode: 200, isBase64Encoded: 'yes' },
    { statusCode: 200, cookies: 'a=1' },
  ];
  for (const result of bad) assert.equal(validateResult(result).ok, false, JSON.stringify(result));
});
