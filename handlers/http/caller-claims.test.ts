import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callerFromClaims, parseListClaim, type JwtClaims } from './caller-claims.ts';

test('sub and role claims make the caller', () => {
  assert.deepEqual(callerFromClaims({ sub: '1', role: 'client' }), { id: 1, role: 'client' });
  assert.deepEqual(callerFromClaims({ sub: '3', 'custom:role': 'mediator' }), { id: 3, role: 'mediator' });
});

test('role falls back to the first cognito group, in every rendering', () => {
  assert.deepEqual(callerFromClaims({ sub: '4', 'cognito:groups': '[admin mediator]' }), { id: 4, role: 'admin' });
  assert.deepEqual(callerFromClaims({ sub: '4', 'cognito:groups': '["mediator","admin"]' }), { id: 4, role: 'mediator' });
  assert.deepEqual(callerFromClaims({ sub: '4', 'cognito:groups': ['master'] }), { id: 4, role: 'master' });
  assert.deepEqual(callerFromClaims({ sub: '4', 'cognito:groups': 'client' }), { id: 4, role: 'client' });
});

test('role claims take precedence in order role, custom:role, cognito:groups', () => {
  assert.equal(callerFromClaims({ sub: '1', role: 'client', 'custom:role': 'admin', 'cognito:groups': '[admin]' })?.role, 'client');
  assert.equal(callerFromClaims({ sub: '1', 'custom:role': 'master', 'cognito:groups': '[admin]' })?.role, 'master');
});

test('no usable sub or role gives no caller', () => {
  const cases: (JwtClaims | undefined)[] = [
    undefined,
    {},
    { role: 'client' },
    { sub: 'abc', role: 'client' },
    { sub: '0', role: 'client' },
    { sub: '-1', role: 'client' },
    { sub: '1.5', role: 'client' },
    { sub: '99999999999999999', role: 'client' },
    { sub: '1' },
    { sub: '1', role: 'superuser' },
    { sub: '1', 'cognito:groups': '[]' },
    { sub: '1', 'cognito:groups': '[owners admin]' },
  ];
  for (const claims of cases) {
    assert.equal(callerFromClaims(claims), null, JSON.stringify(claims));
  }
});

test('list claims parse from both string forms', () => {
  assert.deepEqual(parseListClaim('[admin mediator]'), ['admin', 'mediator']);
  assert.deepEqual(parseListClaim('["a","b"]'), ['a', 'b']);
  assert.deepEqual(parseListClaim('[]'), []);
  assert.deepEqual(parseListClaim(undefined), []);
});
