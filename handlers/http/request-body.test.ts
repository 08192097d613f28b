import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CreateDisputeRequestSchema } from '../schemas/create-dispute-request.ts';
import { SendMessageRequestSchema } from '../schemas/send-message-request.ts';
import { UpdateStatusRequestSchema } from '../schemas/update-status-request.ts';
import { HttpProblem, ValidationProblem } from './problem.ts';
import { MAX_JSON_BODY_BYTES, parseJsonBody } from './request-body.ts';

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

const pathsOf = (problem: HttpProblem) => (problem instanceof ValidationProblem ? problem.errors.map((error) => error.path).sort() : []);

test('accepts what the mobile app sends', () => {
  const body = parseJsonBody(jsonEvent({ project: 123, reason: 'quality', description: 'Test dispute' }), CreateDisputeRequestSchema, { required: true });
  assert.deepEqual(body, { project: 123, reason: 'quality', description: 'Test dispute' });
  const withStrings = parseJsonBody(
    jsonEvent({ project: '123', reason: 'payment', description: 'x', amount_disputed: '150' }),
    CreateDisputeRequestSchema,
    { required: true },
  );
  assert.equal(withStrings.project, 123);
  assert.equal(withStrings.amount_disputed, '150.00');
  const withNumber = parseJsonBody(jsonEvent({ project: 1, reason: 'other', description: 'x', amount_disputed: 99.5 }), CreateDisputeRequestSchema, { required: true });
  assert.equal(withNumber.amount_disputed, '99.50');
});

test('each invalid field is named, unknown fields included', () => {
  const problem = problemOf(() =>
    parseJsonBody(jsonEvent({ project: 0, reason: 'boredom', description: '', extra: 1, amount_disputed: 1.234 }), CreateDisputeRequestSchema, { required: true }),
  );
  assert.equal(problem.status, 400);
  assert.equal(problem.code, 'validation_failed');
  assert.deepEqual(pathsOf(problem), ['body.amount_disputed', 'body.description', 'body.extra', 'body.project', 'body.reason']);
});

test('missing required fields are named', () => {
  const problem = problemOf(() => parseJsonBody(jsonEvent({}), SendMessageRequestSchema, { required: true }));
  assert.deepEqual(pathsOf(problem), ['body.message']);
  assert.deepEqual(pathsOf(problemOf(() => parseJsonBody(jsonEvent({}), UpdateStatusRequestSchema, { required: true }))), ['body']);
});

test('a body that is not an object is a 400 on body', () => {
  assert.deepEqual(pathsOf(problemOf(() => parseJsonBody(jsonEvent([1]), SendMessageRequestSchema, { required: true }))), ['body']);
});

test('malformed JSON is a 400 malformed_json', () => {
  const problem = problemOf(() => parseJsonBody(jsonEvent('{"message":'), SendMessageRequestSchema, { required: true }));
  assert.equal(problem.status, 400);
  assert.equal(problem.code, 'malformed_json');
});

test('a body that is not JSON is a 415', () => {
  const cases: Record<string, string>[] = [{ 'content-type': 'text/plain' }, {}, { 'content-type': 'multipart/form-data; boundary=x' }];
  for (const headers of cases) {
    const problem = problemOf(() => parseJsonBody(jsonEvent({ message: 'hi' }, headers), SendMessageRequestSchema, { required: true }));
    assert.equal(problem.status, 415);
    assert.equal(problem.code, 'unsupported_media_type');
  }
  const ok = parseJsonBody(jsonEvent({ message: 'hi' }, { 'content-type': 'Application/JSON; charset=utf-8' }), SendMessageRequestSchema, { required: true });
  assert.equal(ok.message, 'hi');
});

test('base64-encoded bodies are decoded', () => {
  const event = { body: Buffer.from(JSON.stringify({ message: 'привет' })).toString('base64'), isBase64Encoded: true, headers: { 'content-type': 'application/json' } };
  assert.equal(parseJsonBody(event, SendMessageRequestSchema, { required: true }).message, 'привет');
});

test('missing bodies: 400 when required, {} when optional', () => {
  assert.deepEqual(pathsOf(problemOf(() => parseJsonBody({ headers: {} }, SendMessageRequestSchema, { required: true }))), ['body']);
  assert.equal(problemOf(() => parseJsonBody({ headers: {} }, SendMessageRequestSchema, { required: false })).status, 400);
});

test('oversized bodies are a 413', () => {
  const problem = problemOf(() => parseJsonBody(jsonEvent({ message: 'x'.repeat(MAX_JSON_BODY_BYTES) }), SendMessageRequestSchema, { required: true }));
  assert.equal(problem.status, 413);
  assert.equal(problem.code, 'payload_too_large');
});
