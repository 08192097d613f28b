import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configuredClaims } from './local-issuer.ts';

test('a local token carries the id and role under the claim names the functions are configured to read', () => {
  assert.deepEqual(configuredClaims({}, { id: '1', role: 'client' }), {});
  assert.deepEqual(configuredClaims({ userId: 'sub', roles: 'role' }, { id: '1', role: 'client' }), {});
  assert.deepEqual(configuredClaims({ userId: 'custom:user_id', roles: ' cognito:groups , role' }, { id: '1', role: 'client' }), {
    'custom:user_id': '1',
    'cognito:groups': 'client',
  });
});
