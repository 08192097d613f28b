import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InvocationSummary } from '../console-types.ts';
import { InvocationStore } from './invocation-store.ts';

const at = (second: number) => `2026-01-01T10:00:${String(second).padStart(2, '0')}.000Z`;
const summary = (id: string, second: number): InvocationSummary => ({
  id,
  seq: second,
  at: at(second),
  method: 'GET',
  path: '/disputes',
  routeKey: 'GET /disputes',
  caller: null,
  status: 200,
  durationMs: 3,
  functionName: 'get-disputes',
  coldStart: false,
  upstream: null,
});
const ids = (store: InvocationStore) => store.all().map((invocation) => invocation.id);

test('the stream and the list fetched after it make one list, oldest first, each request once', () => {
  const store = new InvocationStore();
  assert.equal(store.receive(summary('c', 3)), true);
  assert.equal(store.merge([summary('a', 1), summary('b', 2), summary('c', 3)]), true);
  assert.equal(store.receive(summary('c', 3)), false);
  assert.equal(store.merge([summary('a', 1)]), false);
  store.receive(summary('d', 4));
  assert.deepEqual(ids(store), ['a', 'b', 'c', 'd']);
});

test('past its capacity the oldest leave, as they leave the server’s ring', () => {
  const store = new InvocationStore(2);
  store.merge([summary('a', 1), summary('b', 2), summary('c', 3)]);
  assert.deepEqual(ids(store), ['b', 'c']);
  assert.equal(store.has('a'), false);
  store.receive(summary('d', 4));
  assert.deepEqual(ids(store), ['c', 'd']);
});

test('paused, arrivals are counted and held; resumed, they join the list', () => {
  const store = new InvocationStore();
  store.receive(summary('a', 1));
  store.pause();
  assert.equal(store.receive(summary('b', 2)), false);
  store.receive(summary('b', 2));
  store.receive(summary('c', 3));
  assert.equal(store.pendingCount, 2);
  assert.deepEqual(ids(store), ['a']);
  assert.equal(store.resume(), true);
  assert.equal(store.pendingCount, 0);
  assert.deepEqual(ids(store), ['a', 'b', 'c']);
});

test('a selection comes out in time order, whatever order it was made in; cleared, nothing is left', () => {
  const store = new InvocationStore();
  store.merge([summary('a', 1), summary('b', 2), summary('c', 3)]);
  assert.deepEqual(store.inTimeOrder(['c', 'gone', 'a']), ['a', 'c']);
  store.pause();
  store.receive(summary('d', 4));
  store.clear();
  assert.deepEqual(ids(store), []);
  assert.equal(store.pendingCount, 0);
});

test('kept in the order the console recorded them, as its ring drops them: a slow request answered last is the newest', () => {
  const store = new InvocationStore(2);
  const slow = { ...summary('slow', 1), seq: 3 };
  store.merge([{ ...summary('a', 2), seq: 1 }, slow, { ...summary('b', 3), seq: 2 }]);
  assert.deepEqual(ids(store), ['b', 'slow']);
});
