// Two runs of the same suite compared exchange by exchange: per test, each
// operation's calls are paired across the runs (pair-exchanges.ts) and each
// pair's answers compared (answer-differences.ts). A call one run made and
// the other did not is a difference too, unless the run without it failed
// that test (it stopped before the call); tests that passed in one run and
// failed in the other are listed, their failures being the suite's verdict.
// Tests only one run ran (skipped by the suite, or outside its selection)
// are listed with why, not compared. Runs of different suites, or with no
// test both ran, are refused.
import { ABSENT, answerDifferences, type Difference, operationOf } from './answer-differences.ts';
import type { Exchange } from './exchange.ts';
import { pairExchanges } from './pair-exchanges.ts';
import { RecordsError, type RunRecords, type TestOutcome } from './run-records.ts';

export type { Difference, DifferenceKind } from './answer-differences.ts';

export interface NotCompared {
  test: string;
  why: string;
}

export interface Comparison {
  comparedTests: number;
  comparedExchanges: number;
  /** Reads one run made more often than the other, each with an answer the other run also got (polls, pages). */
  repeated: number;
  differences: Difference[];
  notCompared: NotCompared[];
  /** Tests that passed in one run and failed in the other, e.g. `failed in run B`. */
  failedInOne: NotCompared[];
}

const RAN = new Set<TestOutcome['status']>(['passed', 'failed', 'timedOut']);
const failed = (outcome: TestOutcome) => outcome.status === 'failed' || outcome.status === 'timedOut';

export function compareRuns(a: RunRecords, b: RunRecords): Comparison {
  if (a.suite !== b.suite) {
    throw new RecordsError(
      `the runs come from different suites (suite ${a.suite} and ${b.suite}): run the suite from the same checkout against both targets`,
    );
  }
  const comparison: Comparison = { comparedTests: 0, comparedExchanges: 0, repeated: 0, differences: [], notCompared: [], failedInOne: [] };
  const byTestA = lastAttempts(a);
  const byTestB = lastAttempts(b);
  for (const test of [...new Set([...Object.keys(a.tests), ...Object.keys(b.tests)])].sort()) {
    const [outcomeA, outcomeB] = [a.tests[test], b.tests[test]];
    const why = whyNotCompared(outcomeA, outcomeB);
    if (why || !outcomeA || !outcomeB) {
      comparison.notCompared.push({ test, why: why ?? '' });
      continue;
    }
    comparison.comparedTests += 1;
    if (failed(outcomeA) !== failed(outcomeB)) comparison.failedInOne.push({ test, why: `failed in run ${failed(outcomeA) ? 'A' : 'B'}` });
    const groupsA = groupByOperation(byTestA.get(test) ?? []);
    const groupsB = groupByOperation(byTestB.get(test) ?? []);
    for (const key of [...new Set([...groupsA.keys(), ...groupsB.keys()])].sort()) {
      const { pairs, onlyA, onlyB, repeated } = pairExchanges(groupsA.get(key) ?? [], groupsB.get(key) ?? []);
      comparison.comparedExchanges += pairs.length;
      comparison.repeated += repeated;
      for (const [x, y] of pairs) comparison.differences.push(...answerDifferences(x, y));
      // A test that failed stopped where it failed: the calls it did not make are not the API's doing.
      if (!failed(outcomeB)) for (const x of onlyA) comparison.differences.push(missing(x, 'present', ABSENT));
      if (!failed(outcomeA)) for (const y of onlyB) comparison.differences.push(missing(y, ABSENT, 'present'));
    }
  }
  if (comparison.comparedTests === 0) throw new RecordsError('the runs have no test that both ran: nothing to compare');
  return comparison;
}

function whyNotCompared(a: TestOutcome | undefined, b: TestOutcome | undefined): string | undefined {
  if (!a || !b) return `only in run ${a ? 'A' : 'B'}'s selection of tests`;
  for (const [side, outcome] of [
    ['A', a],
    ['B', b],
  ] as const) {
    if (!RAN.has(outcome.status)) return `${outcome.status} in run ${side}${outcome.reason ? `: ${outcome.reason}` : ''}`;
  }
  return undefined;
}

/** Each test's exchanges of its last attempt. */
function lastAttempts(run: RunRecords): Map<string, Exchange[]> {
  const byTest = new Map<string, Exchange[]>();
  for (const exchange of run.exchanges) {
    if (exchange.retry !== (run.tests[exchange.test]?.retry ?? 0)) continue;
    byTest.set(exchange.test, [...(byTest.get(exchange.test) ?? []), exchange]);
  }
  return byTest;
}

function groupByOperation(exchanges: readonly Exchange[]): Map<string, Exchange[]> {
  const groups = new Map<string, Exchange[]>();
  for (const exchange of exchanges) groups.set(operationOf(exchange), [...(groups.get(operationOf(exchange)) ?? []), exchange]);
  return groups;
}

function missing(exchange: Exchange, a: string, b: string): Difference {
  return {
    operation: operationOf(exchange),
    kind: 'exchange',
    subject: `${exchange.method} ${exchange.route}`,
    a,
    b,
    test: exchange.test,
    step: exchange.step,
  };
}
