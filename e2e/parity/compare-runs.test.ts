import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptedBy } from './accepted-differences.ts';
import { compareRuns } from './compare-runs.ts';
import type { Exchange } from './exchange.ts';
import { parityReport } from './parity-report.ts';
import { type RunRecords, RecordsError, RECORDS_FORMAT, type TestOutcome } from './run-records.ts';

const T1 = 'a.spec.ts › reads';
const T2 = 'a.spec.ts › races';

function exchange(
  test: string,
  step: number,
  status: number,
  fields: Record<string, string> = { $: 'object' },
  values: Record<string, string> = {},
): Exchange {
  return {
    test,
    retry: 0,
    step: `getDispute #${step}`,
    overlapped: false,
    operationId: 'getDispute',
    method: 'GET',
    route: '/disputes/{id}',
    status,
    headers: { 'content-type': 'application/json' },
    body: { media: 'application/json', fields, values },
  };
}

function run(
  exchanges: Exchange[],
  tests: Record<string, TestOutcome> = { [T1]: { status: 'passed' }, [T2]: { status: 'passed' } },
): RunRecords {
  return { format: RECORDS_FORMAT, suite: 's1', target: 'http://x', status: 'passed', finishedAt: 't', tests, exchanges };
}

test('identical runs have no difference', () => {
  const exchanges = [exchange(T1, 1, 200), exchange(T1, 2, 404)];
  const result = compareRuns(run(exchanges), run(exchanges));
  assert.deepEqual([result.differences, result.comparedTests, result.comparedExchanges], [[], 2, 2]);
});

test('another status, a field missing, extra or of another type, another enum value: each named once', () => {
  const a = run([
    exchange(T1, 1, 200, { $: 'object', '$.id': 'integer', '$.note': 'string', '$.status': 'string' }, { '$.status': 'open' }),
    exchange(T1, 2, 404),
  ]);
  const b = run([
    exchange(T1, 1, 200, { $: 'object', '$.id': 'string', '$.extra': 'boolean', '$.status': 'string' }, { '$.status': 'closed' }),
    exchange(T1, 2, 403),
  ]);
  assert.deepEqual(
    compareRuns(a, b).differences.map(({ kind, subject, a, b }) => [kind, subject, a, b]),
    [
      ['field extra', '$.extra', '(absent)', 'boolean'],
      ['field type', '$.id', 'integer', 'string'],
      ['field missing', '$.note', 'string', '(absent)'],
      ['value', '$.status', 'open', 'closed'],
      ['status', 'status', '404', '403'],
    ],
  );
});

test('calls made at once pair by answer, not by the order they finished; a call one run lacks is a difference unless that test failed there', () => {
  const atOnce = (item: Exchange) => ({ ...item, overlapped: true });
  const a = run([exchange(T2, 1, 200), exchange(T2, 2, 409), exchange(T2, 3, 409)].map(atOnce));
  const b = run([exchange(T2, 1, 409), exchange(T2, 2, 409), exchange(T2, 3, 200)].map(atOnce));
  assert.deepEqual(compareRuns(a, b).differences, []);
  // Made one after the other, the same answers in another order differ.
  const [x, y] = [
    run(a.exchanges.map((item) => ({ ...item, overlapped: false }))),
    run(b.exchanges.map((item) => ({ ...item, overlapped: false }))),
  ];
  assert.deepEqual(
    compareRuns(x, y).differences.map(({ kind, a, b, step }) => [kind, a, b, step]),
    [
      ['exchange', 'present', '(absent)', 'getDispute #1'],
      ['exchange', '(absent)', 'present', 'getDispute #3'],
    ],
  );
  const lacking = run([exchange(T2, 1, 200)]);
  assert.deepEqual(
    compareRuns(x, lacking).differences.map(({ kind, a, b }) => [kind, a, b]),
    [
      ['exchange', 'present', '(absent)'],
      ['exchange', 'present', '(absent)'],
    ],
  );
  const failedThere = compareRuns(x, run([exchange(T2, 1, 200)], { [T1]: { status: 'passed' }, [T2]: { status: 'failed' } }));
  assert.deepEqual(failedThere.differences, []);
  assert.deepEqual(failedThere.failedInOne, [{ test: T2, why: 'failed in run B' }]);
});

test("a test one run skipped, or outside one run's selection, is listed with why, not compared", () => {
  const b = run([exchange(T1, 1, 200)], {
    [T1]: { status: 'passed' },
    [T2]: { status: 'skipped', reason: 'the console is the emulator’s' },
  });
  const result = compareRuns(
    run([exchange(T1, 1, 200), exchange(T2, 1, 200)], {
      [T1]: { status: 'passed' },
      [T2]: { status: 'passed' },
      'b.spec.ts › x': { status: 'passed' },
    }),
    b,
  );
  assert.deepEqual(result.notCompared, [
    { test: T2, why: 'skipped in run B: the console is the emulator’s' },
    { test: 'b.spec.ts › x', why: "only in run A's selection of tests" },
  ]);
});

test('runs of different suites, or with no test both ran, are refused rather than compared as nothing', () => {
  assert.throws(() => compareRuns(run([exchange(T1, 1, 200)]), { ...run([exchange(T1, 1, 200)]), suite: 's2' }), RecordsError);
  assert.throws(
    () =>
      compareRuns(run([exchange(T1, 1, 200)], { [T1]: { status: 'passed' } }), run([exchange(T2, 1, 200)], { [T2]: { status: 'passed' } })),
    /no test that both ran/,
  );
});

test('an accepted difference matches by what its entry names and is reported apart with its reason; a test name matches by its start', () => {
  const a = run([exchange(T1, 1, 200), exchange(T2, 1, 200)]);
  const b = run([exchange(T1, 1, 500), exchange(T2, 1, 500)]);
  const accepted = [{ test: 'a.spec.ts › rac', kind: 'status', reason: 'a race' }];
  const comparison = compareRuns(a, b);
  assert.equal(acceptedBy(accepted, comparison.differences.find((difference) => difference.test === T1)!), undefined);
  const report = parityReport({ a: { ...a, location: 'A' }, b: { ...b, location: 'B' } }, comparison, accepted);
  assert.deepEqual(
    report.differences.map((group) => group.examples[0]!.test),
    [T1],
  );
  assert.deepEqual(
    report.accepted.map((group) => [group.examples[0]!.test, group.reason]),
    [[T2, 'a race']],
  );
});

test("what a list holds is data: its items' nulls and optional fields, an empty page, a cursor's null, one more page or poll are not differences", () => {
  const page = (fields: Record<string, string>) => exchange(T1, 0, 200, { $: 'object', '$.results': 'array', ...fields });
  const numbered = (step: number, item: Exchange) => ({ ...item, step: `getDispute #${step}` });
  const a = run([
    numbered(
      1,
      page({
        '$.results[]': 'object',
        '$.results[].closed_at': 'null|string',
        '$.results[].id': 'integer',
        '$.results[].mediator': 'null',
        '$.next_cursor': 'string',
      }),
    ),
    numbered(2, page({ '$.next_cursor': 'null' })),
  ]);
  const b = run([
    numbered(
      1,
      page({
        '$.results[]': 'object',
        '$.results[].closed_at': 'null',
        '$.results[].id': 'integer',
        '$.results[].mediator': 'null|object',
        '$.results[].mediator.id': 'integer',
        '$.next_cursor': 'string',
      }),
    ),
    numbered(2, page({ '$.results[]': 'object', '$.results[].id': 'integer', '$.next_cursor': 'string' })),
    numbered(3, page({ '$.results[]': 'object', '$.results[].id': 'integer', '$.next_cursor': 'null' })),
  ]);
  const result = compareRuns(a, b);
  assert.deepEqual([result.differences, result.repeated], [[], 1]);
  // A field every item has in one run and no item has in the other, an item field of another type, a top-level field gone: all differ.
  const everyItem = run([
    numbered(1, page({ '$.results[]': 'object', '$.results[].id': 'integer', '$.results[].status': 'string', '$.next_cursor': 'string' })),
  ]);
  assert.deepEqual(
    compareRuns(run([b.exchanges[1]!]), everyItem).differences.map(({ kind, subject }) => [kind, subject]),
    [['field extra', '$.results[].status']],
  );
  const retyped = run([
    numbered(
      1,
      page({
        '$.results[]': 'object',
        '$.results[].closed_at': 'null',
        '$.results[].id': 'string',
        '$.results[].mediator': 'null',
        '$.next_cursor': 'string',
      }),
    ),
  ]);
  assert.deepEqual(
    compareRuns(retyped, run([b.exchanges[0]!])).differences.map(({ kind, subject }) => [kind, subject]),
    [['field type', '$.results[].id']],
  );
  assert.deepEqual(
    compareRuns(
      run([exchange(T1, 1, 200, { $: 'object', '$.closed_at': 'string' })]),
      run([exchange(T1, 1, 200, { $: 'object', '$.closed_at': 'null' })]),
    ).differences.map(({ kind, a, b }) => [kind, a, b]),
    [['field type', 'string', 'null']],
  );
});

test('of a poll only the answer it settled on counts: the state in between may be seen in one run and not in the other', () => {
  const polled = (step: number, status: string, poll: number) => ({
    ...exchange(T1, step, 200, { $: 'object', '$.status': 'string' }, { '$.status': status }),
    poll,
  });
  const a = run([polled(1, 'pending', 4), polled(2, 'pending', 4), polled(3, 'uploaded', 4), exchange(T1, 4, 404)]);
  const b = run([polled(1, 'uploaded', 9), exchange(T1, 2, 404)]);
  assert.deepEqual([compareRuns(a, b).differences, compareRuns(a, b).repeated], [[], 2]);
  // Settled on another answer: a difference.
  const other = run([polled(1, 'rejected', 9), exchange(T1, 2, 404)]);
  assert.deepEqual(
    compareRuns(a, other).differences.map(({ kind, a, b }) => [kind, a, b]),
    [['value', 'uploaded', 'rejected']],
  );
});
