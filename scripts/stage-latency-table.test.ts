import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentile } from './percentile.ts';
import { latencyRow, latencyTable } from './stage-latency-table.ts';

test('percentiles by nearest rank, of values in any order', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.deepEqual(
    [percentile(values, 50), percentile(values, 95), percentile(values, 99), percentile([7], 95), percentile([], 50)],
    [50, 95, 99, 7, undefined],
  );
});

test("each of the seed's targets is judged: first call < 1 s, warm p50 < 100 ms, p95 < 500 ms, and every answer as expected", () => {
  const warm = Array.from({ length: 20 }, () => 20);
  assert.deepEqual(latencyRow({ route: 'GET /disputes', first: { ms: 400, status: 200 }, later: warm, errors: {} }).missed, []);
  assert.deepEqual(latencyRow({ route: 'GET /disputes', first: { ms: 1200, status: 200 }, later: warm, errors: {} }).missed, [
    'first call ≥ 1000 ms',
  ]);
  assert.deepEqual(
    latencyRow({ route: 'GET /disputes', first: { ms: 10, status: 200 }, later: Array.from({ length: 20 }, () => 150), errors: {} }).missed,
    ['warm p50 ≥ 100 ms'],
  );
  assert.deepEqual(
    latencyRow({ route: 'GET /disputes', first: { ms: 10, status: 200 }, later: [...warm.slice(2), 600, 700], errors: {} }).missed,
    ['p95 ≥ 500 ms'],
  );
  assert.deepEqual(latencyRow({ route: 'GET /disputes', first: { ms: 10, status: 401 }, later: [], errors: { '401': 3 } }).missed, [
    'no call after the first (a longer or faster run)',
    '3 unexpected answers',
  ]);
  const table = latencyTable({
    routes: [{ route: 'GET /disputes', first: { ms: 10, status: 401 }, later: [], errors: { '401': 3 } }],
    calls: 3,
    notes: ['n'],
  });
  assert.equal(table.missed, true);
  assert.match(table.text, /GET \/disputes +10 ms +1 .*MISSED: no call after the first .*; 3 unexpected answers \(401 ×3\)/);
  assert.match(table.text, /note: n/);
});
