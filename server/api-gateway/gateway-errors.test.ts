import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GATEWAY_ERRORS, gatewayError, type GatewayErrorCode } from './gateway-errors.ts';

const expected: Record<GatewayErrorCode, [number, string]> = {
  GATEWAY_NOT_FOUND: [404, '{"message":"Not Found"}'],
  GATEWAY_UNAUTHORIZED: [401, '{"message":"Unauthorized"}'],
  GATEWAY_FORBIDDEN: [403, '{"message":"Forbidden"}'],
  GATEWAY_PAYLOAD_TOO_LARGE: [413, '{"message":"Request Entity Too Large"}'],
  GATEWAY_INTERNAL_ERROR: [500, '{"message":"Internal Server Error"}'],
  GATEWAY_SERVICE_UNAVAILABLE: [503, '{"message":"Service Unavailable"}'],
  GATEWAY_BAD_GATEWAY: [502, '{"message":"Bad Gateway"}'],
  GATEWAY_TIMEOUT: [504, '{"message":"Gateway Timeout"}'],
  GATEWAY_LOOP_DETECTED: [508, '{"message":"Loop Detected"}'],
};

test('every gateway error has HTTP API status and body', () => {
  assert.deepEqual(Object.keys(GATEWAY_ERRORS).sort(), Object.keys(expected).sort());
  for (const [code, [status, body]] of Object.entries(expected)) {
    const response = gatewayError(code as GatewayErrorCode);
    assert.equal(response.statusCode, status);
    assert.equal(response.body.toString(), body);
    assert.equal(response.headers['content-type'], 'application/json');
  }
});

test('extra headers are kept', () => {
  const response = gatewayError('GATEWAY_UNAUTHORIZED', { 'www-authenticate': 'Bearer' });
  assert.equal(response.headers['www-authenticate'], 'Bearer');
});
