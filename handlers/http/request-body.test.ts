import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpProblem } from '../problems/problem.ts';
import { MAX_JSON_BODY_BYTES, readJsonBody } from './request-body.ts';

const jsonEvent = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  isBase64Encoded: false,
  headers,
});

function problemOf(run: () => unknown): HttpProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  assert.fail('expected a problem');
}

test('a JSON body is parsed, whatever it holds', () => {
  assert.deepEqual(readJsonBody(jsonEvent({ message: 'hi' })), { message: 'hi' });
  assert.deepEqual(readJsonBody(jsonEvent([1])), [1]);
  assert.equal(readJsonBody(jsonEvent('null')), null);
});

test('no body is undefined, whatever the content type', () => {
  assert.equal(readJsonBody({ headers: {} }), undefined);
  assert.equal(readJsonBody({ body: '', headers: { 'content-type': 'text/plain' } }), undefined);
});

test('malformed JSON is a 400 malformed_json naming the body', () => {
  const problem = problemOf(() => readJsonBody(jsonEvent('{"message":')));
  assert.equal(problem.status, 400);
  assert.equal(problem.code, 'malformed_json');
  assert.deepEqual(
    problem.toJSON().errors?.map((error) => error.path),
    ['body'],
  );
});

test('a body that is not JSON is a 415 that names what is accepted', () => {
  const cases: Record<string, string>[] = [{ 'content-type': 'text/plain' }, {}, { 'content-type': 'multipart/form-data; boundary=x' }];
  for (const headers of cases) {
    const problem = problemOf(() => readJsonBody(jsonEvent({ message: 'hi' }, headers)));
    assert.equal(problem.status, 415);
    assert.equal(problem.code, 'unsupported_media_type');
  }
  assert.match(
    problemOf(() => readJsonBody(jsonEvent('x', { 'content-type': 'text/plain' }), ['multipart/form-data'])).detail ?? '',
    /multipart\/form-data/,
  );
  assert.deepEqual(readJsonBody(jsonEvent({ message: 'hi' }, { 'content-type': 'Application/JSON; charset=utf-8' })), { message: 'hi' });
});

test('base64-encoded bodies are decoded', () => {
  const event = {
    body: Buffer.from(JSON.stringify({ message: 'привет' })).toString('base64'),
    isBase64Encoded: true,
    headers: { 'content-type': 'application/json' },
  };
  assert.deepEqual(readJsonBody(event), { message: 'привет' });
});

test('oversized bodies are a 413', () => {
  const problem = problemOf(() => readJsonBody(jsonEvent({ message: 'x'.repeat(MAX_JSON_BODY_BYTES) })));
  assert.equal(problem.status, 413);
  assert.equal(problem.code, 'payload_too_large');
});
