import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { DEFAULT_LIMIT, DisputePath, IdempotencyKeySchema, IfMatchSchema, MAX_LIMIT, pageQuery, statusFilterQuery } from './parameters.ts';

const ListQuery = z.object({ ...statusFilterQuery, ...pageQuery });
const failing = (result: { success: boolean; error?: z.ZodError }) => (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

test('the dispute id is a positive safe integer written plainly', () => {
  assert.deepEqual(DisputePath.parse({ id: '42' }), { id: 42 });
  for (const id of ['0', '-1', 'abc', '1.5', '01', '', ' 1', '1e3', '99999999999999999']) {
    assert.deepEqual(failing(DisputePath.safeParse({ id })), ['id'], id);
  }
  assert.deepEqual(failing(DisputePath.safeParse({})), ['id']);
});

test('list query: limit 1..100 (default 20), status from the domain, cursor', () => {
  assert.deepEqual(ListQuery.parse({}), { limit: DEFAULT_LIMIT });
  assert.deepEqual(ListQuery.parse({ limit: String(MAX_LIMIT), status: 'in_mediation', cursor: 'c', other: 'ignored' }), {
    limit: MAX_LIMIT,
    status: 'in_mediation',
    cursor: 'c',
  });
  for (const limit of ['0', '101', 'ten', '1,2', '']) assert.deepEqual(failing(ListQuery.safeParse({ limit })), ['limit'], limit);
  assert.deepEqual(failing(ListQuery.safeParse({ limit: '101', status: 'lost' })).sort(), ['limit', 'status']);
  assert.deepEqual(failing(ListQuery.safeParse({ cursor: 'x'.repeat(2049) })), ['cursor']);
  assert.deepEqual(failing(ListQuery.safeParse({ cursor: '' })), ['cursor']);
});

test('If-Match accepts 3, "3" and W/"3"; * is the same as no header', () => {
  assert.equal(IfMatchSchema.parse('3'), 3);
  assert.equal(IfMatchSchema.parse('"3"'), 3);
  assert.equal(IfMatchSchema.parse('W/"3"'), 3);
  assert.equal(IfMatchSchema.parse(' * '), undefined);
  for (const value of ['"3", "4"', 'abc', '', 'W/', '-1']) assert.equal(IfMatchSchema.safeParse(value).success, false, value);
});

test('Idempotency-Key is 1 to 255 visible ASCII characters', () => {
  for (const key of ['a', 'x'.repeat(255), '8c0e2b9e-5b0a-4c36-9d1e-2f4c1a7b6d10', 'key:with/punctuation!'])
    assert.equal(IdempotencyKeySchema.safeParse(key).success, true, key);
  for (const key of ['', 'x'.repeat(256), 'has space', 'ключ', 'tab\there'])
    assert.equal(IdempotencyKeySchema.safeParse(key).success, false, key);
});
