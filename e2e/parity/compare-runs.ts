// Two runs of the same suite compared exchange by exchange. The calls one
// test makes to one operation are paired across the runs: identical answers
// first (calls made at once finish in any order), then the rest in the order
// they were made. A pair differs by its status; or, with the same status, by
// a header clients read, the body's media type or size class, a field
// missing, extra or of another type, or another enum value or problem code.
// A call one run made and the other did not is a difference too, unless the
// run without it failed that test (it stopped before the call), or the other
// run got the same answer from that operation in that test (one more poll,
// one more page). What a list holds is data on a shared stage: its items'
// fields count by their types other than null, an empty list is not a
// missing field, and a cursor is a string or null. Tests only one run ran
// (skipped by the suite, or outside its selection) are listed, not compared.
import { type Exchange, UNMATCHED } from './exchange.ts';
import { type BodyShape, insideListOfObjects, isJsonBody } from './exchange-shape.ts';
import { type RunRecords, RecordsError, type TestOutcome } from './run-records.ts';

export type DifferenceKind =
  | 'status'
  | 'header'
  | 'media'
  | 'size'
  | 'field missing'
  | 'field extra'
  | 'field type'
  | 'value'
  | 'problem code'
  | 'exchange';

export interface Difference {
  /** The operationId, or `unmatched METHOD route`. */
  operation: string;
  kind: DifferenceKind;
  /** What differs: `status`, a header's name, a JSON path, a step. */
  subject: string;
  a: string;
  b: string;
  test: string;
  step: string;
}

export interface NotCompared {
  test: string;
  why: string;
}

export interface Comparison {
  comparedTests: number;
  comparedExchanges: number;
  /** Calls one run made more often than the other, each with an answer the other run also got (polls, pages). */
  repeated: number;
  differences: Difference[];
  notCompared: NotCompared[];
}

const ABSENT = '(absent)';
const RAN = new Set<TestOutcome['status']>(['passed', 'failed', 'timedOut']);
const failed = (outcome: TestOutcome) => outcome.status === 'failed' || outcome.status === 'timedOut';

export function compareRuns(a: RunRecords, b: RunRecords): Comparison {
  if (a.suite !== b.suite) {
    throw new RecordsError(
      `the runs come from different suites (suite ${a.suite} and ${b.suite}): run the suite from the same checkout against both targets`,
    );
  }
  const differences: Difference[] = [];
  const notCompared: NotCompared[] = [];
  const byTestA = lastAttempts(a.exchanges);
  const byTestB = lastAttempts(b.exchanges);
  let comparedTests = 0;
  let comparedExchanges = 0;
  let repeated = 0;
  for (const test of [...new Set([...Object.keys(a.tests), ...Object.keys(b.tests)])].sort()) {
    const outcomeA = a.tests[test];
    const outcomeB = b.tests[test];
    const why = whyNotCompared(outcomeA, outcomeB);
    if (why) {
      notCompared.push({ test, why });
      continue;
    }
    comparedTests += 1;
    const groupsA = groupByCall(byTestA.get(test) ?? []);
    const groupsB = groupByCall(byTestB.get(test) ?? []);
    for (const key of [...new Set([...groupsA.keys(), ...groupsB.keys()])].sort()) {
      const [groupA, groupB] = [groupsA.get(key) ?? [], groupsB.get(key) ?? []];
      const { pairs, onlyA: unpairedA, onlyB: unpairedB } = pair(groupA, groupB);
      comparedExchanges += pairs.length;
      for (const [x, y] of pairs) differences.push(...differencesOf(x, y));
      // One more poll of a state, or one more page: a call the other run made too with the same answer, a number of times that is timing or data.
      const [onlyA, onlyB] = [unpairedA.filter((x) => !repeats(x, groupB)), unpairedB.filter((y) => !repeats(y, groupA))];
      repeated += unpairedA.length - onlyA.length + unpairedB.length - onlyB.length;
      // A test that failed stopped where it failed: the calls it did not make are not the API's doing.
      if (!failed(outcomeB!)) for (const x of onlyA) differences.push(missing(x, 'present', ABSENT));
      if (!failed(outcomeA!)) for (const y of onlyB) differences.push(missing(y, ABSENT, 'present'));
      if ((onlyA.length > 0 && failed(outcomeB!)) || (onlyB.length > 0 && failed(outcomeA!))) {
        const side = onlyA.length > 0 ? 'B' : 'A';
        notCompared.push({
          test,
          why: `failed in run ${side}: ${Math.max(onlyA.length, onlyB.length)} later call(s) of ${key} not made there`,
        });
      }
    }
  }
  if (comparedTests === 0) throw new RecordsError('the runs have no test that both ran: nothing to compare');
  return { comparedTests, comparedExchanges, repeated, differences, notCompared };
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
function lastAttempts(exchanges: readonly Exchange[]): Map<string, Exchange[]> {
  const last = new Map<string, number>();
  for (const exchange of exchanges) last.set(exchange.test, Math.max(last.get(exchange.test) ?? 0, exchange.retry));
  const byTest = new Map<string, Exchange[]>();
  for (const exchange of exchanges) {
    if (exchange.retry !== last.get(exchange.test)) continue;
    byTest.set(exchange.test, [...(byTest.get(exchange.test) ?? []), exchange]);
  }
  return byTest;
}

const operationOf = (exchange: Exchange) =>
  exchange.operationId === UNMATCHED ? `${UNMATCHED} ${exchange.method} ${exchange.route}` : exchange.operationId;
const ordinalOf = (exchange: Exchange) => Number(exchange.step.slice(exchange.step.lastIndexOf('#') + 1));

function groupByCall(exchanges: readonly Exchange[]): Map<string, Exchange[]> {
  const groups = new Map<string, Exchange[]>();
  for (const exchange of exchanges) {
    const key = operationOf(exchange);
    groups.set(key, [...(groups.get(key) ?? []), exchange]);
  }
  for (const group of groups.values()) group.sort((x, y) => ordinalOf(x) - ordinalOf(y));
  return groups;
}

const answerOf = (exchange: Exchange) => JSON.stringify([exchange.status, exchange.headers, exchange.body]);

function pair(a: readonly Exchange[], b: readonly Exchange[]): { pairs: [Exchange, Exchange][]; onlyA: Exchange[]; onlyB: Exchange[] } {
  const pairs: [Exchange, Exchange][] = [];
  const restB = [...b];
  const restA: Exchange[] = [];
  for (const x of a) {
    const same = restB.findIndex((y) => answerOf(y) === answerOf(x));
    if (same >= 0) pairs.push([x, restB.splice(same, 1)[0]!]);
    else restA.push(x);
  }
  const paired = Math.min(restA.length, restB.length);
  for (let i = 0; i < paired; i += 1) pairs.push([restA[i]!, restB[i]!]);
  return { pairs, onlyA: restA.slice(paired), onlyB: restB.slice(paired) };
}

const repeats = (exchange: Exchange, others: readonly Exchange[]) => others.some((other) => differencesOf(exchange, other).length === 0);

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

function differencesOf(x: Exchange, y: Exchange): Difference[] {
  const found: Difference[] = [];
  const add = (kind: DifferenceKind, subject: string, a: string | undefined, b: string | undefined) =>
    found.push({ operation: operationOf(x), kind, subject, a: a ?? ABSENT, b: b ?? ABSENT, test: x.test, step: x.step });
  // Another status is another answer: its headers and body differ as a consequence.
  if (x.status !== y.status) {
    add('status', 'status', String(x.status), String(y.status));
    return found;
  }
  for (const name of unionOfKeys(x.headers, y.headers)) {
    if (x.headers[name] !== y.headers[name]) add('header', name, x.headers[name], y.headers[name]);
  }
  if (x.body.media !== y.body.media) {
    add('media', 'body', x.body.media, y.body.media);
    return found;
  }
  if (!isJsonBody(x.body) || !isJsonBody(y.body)) {
    const [sizeA, sizeB] = [sizeOf(x.body), sizeOf(y.body)];
    if (sizeA !== sizeB) add('size', 'body', sizeA, sizeB);
    return found;
  }
  const [fieldsA, fieldsB] = [x.body.fields, y.body.fields];
  const retyped: string[] = [];
  for (const path of unionOfKeys(fieldsA, fieldsB)) {
    const [typeA, typeB] = [comparableType(path, fieldsA[path]), comparableType(path, fieldsB[path])];
    if (typeA === typeB) continue;
    if (typeA !== undefined && typeB !== undefined) {
      add('field type', path, typeA, typeB);
      retyped.push(path);
    } else if (
      !itemsAreData(path, typeA ?? typeB!) &&
      !retyped.some((parent) => path.startsWith(`${parent}.`) || path.startsWith(`${parent}[]`))
    ) {
      add(typeB === undefined ? 'field missing' : 'field extra', path, typeA, typeB);
    }
  }
  const [valuesA, valuesB] = [x.body.values, y.body.values];
  for (const path of unionOfKeys(valuesA, valuesB)) {
    if (valuesA[path] === valuesB[path] || comparableType(path, fieldsA[path]) !== comparableType(path, fieldsB[path])) continue;
    add(path === '$.code' ? 'problem code' : 'value', path, valuesA[path], valuesB[path]);
  }
  return found;
}

/**
 * A path's types as far as they are the API's behaviour and not the data it
 * holds: a cursor is a string or null (whether a page is the last is data);
 * within a list's items, null is data (a nullable field of one item), so an
 * item field counts by its other types, and not at all when only null was seen.
 */
function comparableType(path: string, types: string | undefined): string | undefined {
  if (types === undefined) return undefined;
  if (/cursor$/i.test(path) && types.split('|').every((type) => type === 'null' || type === 'string')) return 'string|null (cursor)';
  if (!insideListOfObjects(path)) return types;
  const kept = types.split('|').filter((type) => type !== 'null');
  return kept.length === 0 ? undefined : kept.join('|');
}

/** A path one run has and the other lacks because of the data a list held: an item's field, or the items of an empty list. */
function itemsAreData(path: string, type: string): boolean {
  return insideListOfObjects(path) || (path.endsWith('[]') && type === 'object');
}

const sizeOf = (body: BodyShape) => (isJsonBody(body) ? 'JSON' : body.size);
const unionOfKeys = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
