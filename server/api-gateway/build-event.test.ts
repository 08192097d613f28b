import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APIGatewayProxyEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import { buildEvent, formatRequestTime, type EventInputs } from './build-event.ts';
import { LOCAL_ACCOUNT_ID } from '../local-aws.ts';

const NOW = Date.UTC(2026, 10, 26, 14, 32, 37, 123);

function inputs(overrides: Partial<EventInputs['request']> = {}, rest: Partial<EventInputs> = {}): EventInputs {
  return {
    request: {
      method: 'POST',
      url: '/disputes/7/close?b=2&a=1&a=x%20y&flag',
      headers: [
        ['Host', '127.0.0.1:3000'],
        ['User-Agent', 'test-agent'],
        ['Content-Type', 'application/json'],
        ['X-Repeat', 'one'],
        ['x-repeat', 'two'],
        ['Cookie', 'a=1; b=2'],
        ['Authorization', 'Bearer t'],
      ],
      body: Buffer.from('{"reason":"x"}'),
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
      ...overrides,
    },
    routeKey: 'POST /disputes/{id}/close',
    pathParameters: { id: '7' },
    accountId: LOCAL_ACCOUNT_ID,
    apiId: 'local00api',
    requestId: 'Mc7UVioPPHcEKPA=',
    traceId: 'Root=1-00000000-000000000000000000000000',
    now: NOW,
    authorization: { claims: { sub: '1', role: 'client', exp: '1790000000' }, scopes: null },
    ...rest,
  };
}

test('builds a 2.0 event that passes Powertools’ schema', () => {
  const event = buildEvent(inputs());
  const parsed = APIGatewayProxyEventV2Schema.safeParse(event);
  assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  assert.equal(event.version, '2.0');
  assert.equal(event.routeKey, 'POST /disputes/{id}/close');
  assert.equal(event.rawPath, '/disputes/7/close');
  assert.equal(event.rawQueryString, 'b=2&a=1&a=x%20y&flag');
  assert.deepEqual(event.queryStringParameters, { b: '2', a: '1,x y', flag: '' });
  assert.deepEqual(event.cookies, ['a=1', 'b=2']);
  assert.equal(event.headers['cookie'], undefined);
  assert.equal(event.headers['x-repeat'], 'one,two');
  assert.equal(event.headers['user-agent'], 'test-agent');
  assert.deepEqual(event.pathParameters, { id: '7' });
  assert.equal(event.body, '{"reason":"x"}');
  assert.equal(event.isBase64Encoded, false);
  const context = event.requestContext;
  assert.equal(context.stage, '$default');
  assert.equal(context.time, '26/Nov/2026:14:32:37 +0000');
  assert.equal(context.timeEpoch, NOW);
  assert.equal(context.requestId, 'Mc7UVioPPHcEKPA=');
  assert.deepEqual(context.http, {
    method: 'POST',
    path: '/disputes/7/close',
    protocol: 'HTTP/1.1',
    sourceIp: '127.0.0.1',
    userAgent: 'test-agent',
  });
  assert.equal(context.domainName, '127.0.0.1:3000');
  assert.ok('authorizer' in context);
  assert.deepEqual(context.authorizer, { jwt: { claims: { sub: '1', role: 'client', exp: '1790000000' }, scopes: null } });
});

test('absent parts are left out, not null', () => {
  const event = buildEvent(
    inputs({ url: '/disputes', headers: [['host', 'localhost']], body: undefined }, { pathParameters: {}, authorization: null }),
  );
  assert.ok(APIGatewayProxyEventV2Schema.safeParse(event).success);
  for (const key of ['body', 'cookies', 'queryStringParameters', 'pathParameters', 'stageVariables']) {
    assert.equal(key in event, false, key);
  }
  assert.equal('authorizer' in event.requestContext, false);
  assert.equal(event.rawQueryString, '');
  assert.equal(event.isBase64Encoded, false);
  assert.equal(event.requestContext.http.userAgent, '');
});

test('binary and unknown content types are base64; text types are not', () => {
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00]);
  const cases: Array<[string | undefined, boolean]> = [
    ['image/jpeg', true],
    ['multipart/form-data; boundary=x', true],
    ['application/octet-stream', true],
    ['application/x-www-form-urlencoded', true],
    [undefined, true],
    ['text/plain; charset=utf-8', false],
    ['application/json', false],
    ['application/problem+json', false],
    ['application/xml', false],
    ['application/javascript', false],
  ];
  for (const [type, base64] of cases) {
    const headers: Array<[string, string]> = type ? [['content-type', type]] : [];
    const event = buildEvent(inputs({ headers, body: bytes }));
    assert.equal(event.isBase64Encoded, base64, String(type));
    assert.equal(event.body, base64 ? bytes.toString('base64') : bytes.toString('utf8'));
  }
});

test('time uses two-digit days and UTC', () => {
  assert.equal(formatRequestTime(Date.UTC(2024, 0, 5, 3, 4, 5)), '05/Jan/2024:03:04:05 +0000');
});

test('same inputs give the same event; ids come from the caller', () => {
  assert.deepEqual(buildEvent(inputs()), buildEvent(inputs()));
  assert.notEqual(
    buildEvent(inputs({}, { requestId: 'a' })).requestContext.requestId,
    buildEvent(inputs({}, { requestId: 'b' })).requestContext.requestId,
  );
});
