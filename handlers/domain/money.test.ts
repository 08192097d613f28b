import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMoney } from './money.ts';

test('numbers and decimal strings become two-decimal strings', () => {
  assert.equal(parseMoney(150), '150.00');
  assert.equal(parseMoney('150'), '150.00');
  assert.equal(parseMoney(150.5), '150.50');
  assert.equal(parseMoney('150.5'), '150.50');
  assert.equal(parseMoney('0.01'), '0.01');
  assert.equal(parseMoney(0), '0.00');
  assert.equal(parseMoney('007.10'), '7.10');
  assert.equal(parseMoney(99999999.99), '99999999.99');
});

test('negative, over-precise, huge or non-numeric amounts are refused', () => {
  for (const input of [-1, 1.005, 1e-7, 1e21, Number.NaN, Infinity, '-1', '1.005', '1,50', '', 'abc', '123456789', ' 1']) {
    assert.equal(parseMoney(input), null, String(input));
  }
});
