// POST policy rules ("POST Policy", S3 API Reference: condition matching and
// the rule that every form field but x-amz-signature, file, policy and
// x-ignore-* must be named by a condition).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkContentLength, checkPolicy } from './post-policy.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const policy = (conditions: unknown[], expiration = '2026-01-01T00:10:00Z') =>
  Buffer.from(JSON.stringify({ expiration, conditions })).toString('base64');
const form = (fields: Record<string, string>) => ({ bucket: 'b', fields: new Map(Object.entries(fields)) });
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

test('conditions: exact, eq, starts-with (each Content-Type listed), bucket; field names are case-insensitive', () => {
  const p = policy([{ bucket: 'b' }, ['eq', '$key', 'k'], ['starts-with', '$Content-Type', 'image/'], ['content-length-range', 1, 10]]);
  assert.deepEqual(checkPolicy(p, form({ key: 'k', 'content-type': 'image/png' }), NOW), { min: 1, max: 10 });
  assert.equal(
    code(() => checkPolicy(p, form({ key: 'k', 'content-type': 'image/png, text/html' }), NOW)),
    'AccessDenied',
  );
  assert.equal(
    code(() => checkPolicy(p, form({ key: 'K', 'content-type': 'image/png' }), NOW)),
    'AccessDenied',
  );
  assert.equal(
    code(() => checkPolicy(p, { ...form({ key: 'k', 'content-type': 'image/png' }), bucket: 'other' }, NOW)),
    'AccessDenied',
  );
  assert.equal(
    code(() => checkPolicy(p, form({ 'content-type': 'image/png' }), NOW)),
    'AccessDenied',
    'a missing field fails eq',
  );
});

test('every field needs a condition, except x-amz-signature, file, policy and x-ignore-*', () => {
  const p = policy([['eq', '$key', 'k']]);
  assert.equal(
    code(() => checkPolicy(p, form({ key: 'k', policy: p, 'x-amz-signature': 's', 'x-ignore-a': '1' }), NOW)),
    'accepted',
  );
  assert.equal(
    code(() => checkPolicy(p, form({ key: 'k', acl: 'public-read' }), NOW)),
    'AccessDenied',
  );
});

test('expiry, malformed policies and content-length-range', () => {
  assert.equal(
    code(() => checkPolicy(policy([], '2025-12-31T23:59:59Z'), form({}), NOW)),
    'AccessDenied',
  );
  assert.equal(
    code(() => checkPolicy(Buffer.from('{nope').toString('base64'), form({}), NOW)),
    'InvalidPolicyDocument',
  );
  assert.equal(
    code(() => checkPolicy(policy([['content-length-range', 10, 1]]), form({}), NOW)),
    'InvalidPolicyDocument',
  );
  assert.equal(
    code(() => checkPolicy(policy([['in', '$key', ['a']]]), form({}), NOW)),
    'InvalidPolicyDocument',
  );
  assert.equal(
    code(() => checkContentLength(11, { min: 1, max: 10 })),
    'EntityTooLarge',
  );
  assert.equal(
    code(() => checkContentLength(0, { min: 1, max: 10 })),
    'EntityTooSmall',
  );
  assert.equal(
    code(() => checkContentLength(10, { min: 1, max: 10 })),
    'accepted',
  );
});
