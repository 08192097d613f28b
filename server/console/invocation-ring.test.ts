import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInvocationRing } from './invocation-ring.ts';
import type { InvocationRecord } from './console-types.ts';

const record = (id: string): Omit<InvocationRecord, 'seq'> => ({
  id,
  at: '2026-12-02T00:00:00.000Z',
  method: 'GET',
  path: `/disputes/${id}`,
  routeKey: 'GET /disputes/{id}',
  caller: null,
  status: 200,
  durationMs: 1,
  functionName: 'fn',
  coldStart: false,
  upstream: null,
  request: { headers: [], body: null, bodyEncoding: 'utf8', bodyTruncated: false },
  event: {},
  result: {},
  response: { statusCode: 200, headers: {}, body: '', bodyEncoding: 'utf8', bodyTruncated: false },
  logs: [],
  gatewayReason: null,
});

test('keeps the last `capacity` requests, oldest first; the dropped ones are gone by id too', () => {
  const ring = createInvocationRing(3);
  for (const id of ['a', 'b', 'c', 'd', 'e']) ring.add(record(id));
  assert.deepEqual(
    ring.summaries().map((summary) => summary.id),
    ['c', 'd', 'e'],
  );
  assert.equal(ring.get('b'), undefined);
  assert.equal(ring.get('d')?.path, '/disputes/d');
  assert.deepEqual(
    ring.pick(['e', 'a', 'c']).map((kept) => kept.id),
    ['e', 'c'],
    'in the order asked, without the dropped',
  );
  assert.equal('event' in (ring.summaries()[0] ?? {}), false, 'a summary carries no payloads');
  ring.clear();
  assert.deepEqual(ring.summaries(), []);
  ring.add(record('f'));
  assert.deepEqual(
    ring.summaries().map((summary) => summary.id),
    ['f'],
  );
});

test('an id recorded twice: dropping the older record leaves the newer one found by id', () => {
  const ring = createInvocationRing(2);
  const older = record('a');
  const newer = { ...record('a'), status: 500 };
  ring.add(older);
  ring.add(newer);
  ring.add(record('b'));
  assert.equal(ring.get('a')?.status, 500);
});

test('listeners get each new request until they stop listening', () => {
  const ring = createInvocationRing(2);
  const heard: string[] = [];
  const stop = ring.subscribe({ added: (summary) => heard.push(`${summary.id}#${summary.seq}`), cleared: () => heard.push('cleared') });
  ring.add(record('a'));
  ring.add(record('b'));
  ring.clear();
  ring.add(record('c'));
  stop();
  ring.add(record('d'));
  assert.deepEqual(heard, ['a#1', 'b#2', 'cleared', 'c#3'], 'numbered in the order added, on across a clear');
});

test('a capacity under 1 is refused', () => {
  assert.throws(() => createInvocationRing(0), /at least 1/);
});
