import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { HttpProblem, ValidationProblem } from '../problems/problem.ts';
import { MAX_JSON_BODY_BYTES } from './request-body.ts';
import { DisputePath, idempotencyKeyHeader, ifMatchHeader, pageQuery } from '../requests/parameters.ts';
import { defineRequest, type ParsedRequest, type RequestEvent } from '../requests/request-definition.ts';
import type { FormReading, MultipartForm } from '../requests/multipart-form.ts';
import { parseRequest } from './parse-request.ts';

const example = defineRequest({
  path: DisputePath,
  query: z.object(pageQuery),
  headers: z.object({ ...idempotencyKeyHeader, ...ifMatchHeader }),
  body: { required: true, json: z.strictObject({ reason: z.enum(['a', 'b']), amount: z.number().min(0).optional() }) },
});

const valid: RequestEvent = {
  pathParameters: { id: '7' },
  queryStringParameters: { limit: '5' },
  headers: { 'content-type': 'application/json', 'if-match': 'W/"3"', 'idempotency-key': 'k-1', 'user-agent': 'okhttp' },
  body: JSON.stringify({ reason: 'a' }),
  isBase64Encoded: false,
};

async function problemOf(run: () => Promise<unknown>): Promise<HttpProblem> {
  try {
    await run();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  assert.fail('expected a problem');
}

const pathsOf = (problem: HttpProblem) => (problem instanceof ValidationProblem ? problem.errors.map((error) => error.path) : []);

/** Compiles only when A and B are assignable to each other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typed = <A, B>(proof: Same<A, B>) => proof;

test('a valid request comes back as one typed object', async () => {
  const request = await parseRequest(valid, example);
  typed<typeof request.path, { id: number }>(true);
  typed<typeof request.query, { limit: number; cursor?: string | undefined }>(true);
  typed<typeof request.headers, { 'idempotency-key'?: string | undefined; 'if-match'?: number | undefined }>(true);
  typed<typeof request.body, { reason: 'a' | 'b'; amount?: number | undefined }>(true);
  // Parts an operation does not declare are empty, and it has no body.
  typed<ParsedRequest<{ path: typeof DisputePath }>['query'], Record<never, never>>(true);
  typed<ParsedRequest<{ path: typeof DisputePath }>['body'], undefined>(true);

  // Unknown headers and query parameters are dropped; the If-Match version is a number.
  assert.deepEqual(request, {
    path: { id: 7 },
    query: { limit: 5 },
    headers: { 'if-match': 3, 'idempotency-key': 'k-1' },
    body: { reason: 'a' },
  });
});

test('each part reports its own field path', async () => {
  const cases: [string, RequestEvent, string[]][] = [
    ['path', { ...valid, pathParameters: { id: 'abc' } }, ['path.id']],
    ['no path parameter', { ...valid, pathParameters: undefined }, ['path.id']],
    ['query', { ...valid, queryStringParameters: { limit: '0' } }, ['query.limit']],
    ['header', { ...valid, headers: { ...valid.headers, 'if-match': 'abc' } }, ['header.if-match']],
    ['idempotency key', { ...valid, headers: { ...valid.headers, 'idempotency-key': 'has space' } }, ['header.idempotency-key']],
    ['body field', { ...valid, body: JSON.stringify({ reason: 'c' }) }, ['body.reason']],
    ['unknown body field', { ...valid, body: JSON.stringify({ reason: 'a', colour: 'red' }) }, ['body.colour']],
    ['body not an object', { ...valid, body: '[1]' }, ['body']],
    ['no body', { ...valid, body: undefined }, ['body']],
  ];
  for (const [name, event, paths] of cases) {
    const problem = await problemOf(() => parseRequest(event, example));
    assert.equal(problem.status, 400, name);
    assert.equal(problem.code, 'validation_failed', name);
    assert.deepEqual(pathsOf(problem), paths, name);
  }
});

test('every bad field of every part comes in one problem, in path, query, header, body order', async () => {
  const problem = await problemOf(() =>
    parseRequest(
      {
        pathParameters: { id: '0' },
        queryStringParameters: { limit: '101', cursor: '' },
        headers: { 'content-type': 'application/json', 'idempotency-key': 'x'.repeat(256), 'if-match': 'soon' },
        body: JSON.stringify({ reason: 'z', amount: -1, extra: true }),
      },
      example,
    ),
  );
  assert.deepEqual(pathsOf(problem), [
    'path.id',
    'query.limit',
    'query.cursor',
    'header.idempotency-key',
    'header.if-match',
    'body.reason',
    'body.amount',
    'body.extra',
  ]);
  assert.deepEqual(Object.keys(problem.toJSON()).sort(), ['code', 'detail', 'errors', 'message', 'status', 'title', 'type']);
});

test('a body that cannot be read is its own problem once the parameters are valid', async () => {
  const unreadable: [string, Partial<RequestEvent>, number, string][] = [
    ['not JSON', { headers: { 'content-type': 'text/plain' } }, 415, 'unsupported_media_type'],
    ['too large', { body: JSON.stringify({ reason: 'x'.repeat(MAX_JSON_BODY_BYTES) }) }, 413, 'payload_too_large'],
    ['malformed', { body: '{"reason":' }, 400, 'malformed_json'],
  ];
  for (const [name, change, status, code] of unreadable) {
    const alone = await problemOf(() => parseRequest({ ...valid, ...change }, example));
    assert.deepEqual([alone.status, alone.code], [status, code], name);
    // With a bad parameter, the parameters are answered first, as one 400.
    const withBadId = await problemOf(() => parseRequest({ ...valid, ...change, pathParameters: { id: 'x' } }, example));
    assert.equal(withBadId.code, 'validation_failed', name);
    assert.deepEqual(pathsOf(withBadId), ['path.id'], name);
  }
});

test('an optional body that is absent is read as {}, so its defaults apply', async () => {
  const definition = defineRequest({ body: { required: false, json: z.strictObject({ note: z.string().default('none') }) } });
  assert.deepEqual((await parseRequest({ headers: {} }, definition)).body, { note: 'none' });
  assert.deepEqual(
    pathsOf(await problemOf(() => parseRequest({ headers: { 'content-type': 'application/json' }, body: '{"x":1}' }, definition))),
    ['body.x'],
  );
});

test('a multipart body goes to its reader, whose field errors join the others', async () => {
  const form = { 'content-type': 'multipart/form-data; boundary=x' };
  // One file part whose content tells the reader what to answer.
  const formBody = (content: string) =>
    `--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--x--\r\n`;
  const definition = defineRequest({
    path: DisputePath,
    body: {
      required: true,
      json: z.strictObject({ name: z.string() }),
      multipart: {
        limits: { fileBytes: 100, fieldBytes: 100, parts: 4 },
        read: (sent: MultipartForm): FormReading<{ bytes: Buffer }> => {
          const content = sent.files[0]?.bytes.toString('utf8');
          if (content === 'big') return { ok: false, fileTooLarge: 'too big' };
          if (content !== 'good') return { ok: false, errors: [{ path: 'body.file', message: 'missing' }] };
          return { ok: true, value: { bytes: Buffer.from('file') } };
        },
      },
    },
  });
  const sent = await parseRequest({ pathParameters: { id: '1' }, headers: form, body: formBody('good') }, definition);
  assert.ok('bytes' in sent.body && sent.body.bytes.equals(Buffer.from('file')));
  const json = await parseRequest(
    { pathParameters: { id: '1' }, headers: { 'content-type': 'application/json' }, body: '{"name":"a"}' },
    definition,
  );
  assert.deepEqual(json.body, { name: 'a' });

  assert.deepEqual(
    pathsOf(await problemOf(() => parseRequest({ pathParameters: { id: 'x' }, headers: form, body: formBody('bad') }, definition))),
    ['path.id', 'body.file'],
  );
  const tooLarge = await problemOf(() => parseRequest({ pathParameters: { id: '1' }, headers: form, body: formBody('big') }, definition));
  assert.equal(tooLarge.status, 413);
  assert.equal(tooLarge.code, 'use_presigned_upload');
  assert.deepEqual(
    pathsOf(await problemOf(() => parseRequest({ pathParameters: { id: 'x' }, headers: form, body: formBody('big') }, definition))),
    ['path.id'],
  );

  const other = await problemOf(() =>
    parseRequest({ pathParameters: { id: '1' }, headers: { 'content-type': 'text/plain' }, body: 'x' }, definition),
  );
  assert.equal(other.status, 415);
  assert.match(other.detail ?? '', /application\/json or multipart\/form-data/);
});
