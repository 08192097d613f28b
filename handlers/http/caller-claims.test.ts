import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CLAIM_NAMES, callerFromClaims, parseListClaim, readClaimNames, type JwtClaims } from './caller-claims.ts';

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

test("a real issuer's claims are configured: the id from a custom attribute (a Cognito sub is a UUID), the role from groups", () => {
  const names = readClaimNames({ USER_ID_CLAIM: 'custom:user_id', ROLE_CLAIMS: 'cognito:groups' });
  assert.deepEqual(names, { userId: 'custom:user_id', roles: ['cognito:groups'] });
  const cognito = { sub: '0b7c2f1e-5a7d-4c3e-9f00-1a2b3c4d5e6f', 'custom:user_id': '42', 'cognito:groups': '[mediator]', role: 'admin' };
  assert.deepEqual(callerFromClaims(cognito, names), { id: 42, role: 'mediator' }, 'only the configured claims count');
  assert.equal(callerFromClaims(cognito), null, 'with the defaults, a UUID sub is no caller');
});

test('without settings, the defaults: sub, then role, custom:role, cognito:groups', () => {
  assert.deepEqual(readClaimNames({}), DEFAULT_CLAIM_NAMES);
  assert.deepEqual(readClaimNames({ USER_ID_CLAIM: ' ', ROLE_CLAIMS: ' , ' }), DEFAULT_CLAIM_NAMES);
});
