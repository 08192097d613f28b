import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bodyShape, clientHeaders, type JsonBody, routeOfPath, sizeClass } from './exchange-shape.ts';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

test('a JSON body is its paths and types; values only at enum paths and a problem code, never ids or times', () => {
  const shape = bodyShape(
    'application/json; charset=utf-8',
    json({
      id: 42,
      amount: 1.5,
      status: 'open',
      created_at: '2026-12-07T10:00:00Z',
      tags: [],
      items: [
        { id: 1, status: 'open' },
        { id: 2, note: null },
      ],
      actions: ['view', 'close'],
    }),
    new Set(['$.status', '$.items[].status', '$.actions[]']),
  );
  assert.deepEqual(shape, {
    media: 'application/json',
    fields: {
      $: 'object',
      '$.actions': 'array',
      '$.actions[]': 'string',
      '$.amount': 'number',
      '$.created_at': 'string',
      '$.id': 'integer',
      '$.items': 'array',
      '$.items[]': 'object',
      '$.items[].id': 'integer',
      // Fields only some items have are marked optional.
      '$.items[].note': 'null?',
      '$.items[].status': 'string?',
      '$.status': 'string',
      '$.tags': 'array',
    },
    // A list's items are other runs' too on a shared stage: their values are not kept.
    values: { '$.actions[]': 'close,view', '$.status': 'open' },
  });
});

test("a problem's code is kept; a body that is not JSON, or not JSON as it says, is its media type and size class", () => {
  assert.deepEqual((bodyShape('application/problem+json', json({ code: 'not_found', status: 404 }), new Set()) as JsonBody).values, {
    '$.code': 'not_found',
  });
  assert.deepEqual(bodyShape('application/json', Buffer.from('{oops'), new Set()), {
    media: 'application/json (not JSON)',
    size: 'under 1 KB',
  });
  assert.deepEqual(bodyShape('text/html', Buffer.alloc(70_000), new Set()), { media: 'text/html', size: 'under 1 MB' });
  assert.deepEqual(bodyShape(undefined, Buffer.alloc(0), new Set()), { media: '', size: 'empty' });
  assert.equal(sizeClass(2 * 1024 * 1024), '1 MB or more');
});

test('headers: only those clients read, without the ids, origin and durations that differ by nature', () => {
  assert.deepEqual(
    clientHeaders([
      { name: 'Content-Type', value: 'application/json;charset=UTF-8' },
      { name: 'Location', value: 'https://abc.execute-api.eu-west-1.amazonaws.com/disputes/123?cursor=x' },
      { name: 'Retry-After', value: '7' },
      { name: 'ETag', value: '"3"' },
      { name: 'apigw-requestid', value: 'abc=' },
      { name: 'Access-Control-Allow-Origin', value: 'https://app.example' },
      { name: 'Content-Disposition', value: 'attachment; filename="f3b6c7a2-1111-4222-8333-944444444444.pdf"' },
    ]),
    {
      'access-control-allow-origin': 'https://app.example',
      'content-disposition': 'attachment; filename="{uuid}.pdf"',
      'content-type': 'application/json; charset=utf-8',
      location: '/disputes/{id}?cursor',
      'retry-after': '{seconds}',
    },
  );
  assert.equal(routeOfPath('/_console/api/requests/17'), '/_console/api/requests/{id}');
});
