// Which call of one run answers to which of the other, among one test's calls
// of one operation. Calls made one after the other keep their order: the
// longest run of alike answers in order is paired first, and the calls
// between two such pairs pair in order. Calls that overlapped another call of
// the test finish in any order, so they pair by alike answers first. A read
// one run made more often than the other (one more poll of a state, one more
// page of a list) is a repeat when its run got the same answer just before or
// after it and the other run got it too: how often is timing or data.
// Anything else left over is a call one run made and the other did not.
// Of a poll (calls a test marked as polling a state until it settles), only
// the last call counts: how often it saw the state in between is timing.
import type { Exchange } from './exchange.ts';
import { sameAnswer } from './answer-differences.ts';

export interface Pairing {
  pairs: [Exchange, Exchange][];
  onlyA: Exchange[];
  onlyB: Exchange[];
  /** Reads made more often in one run, with an answer the other run got as well, and the calls of polls before their last. */
  repeated: number;
}

const READS = new Set(['GET', 'HEAD']);
const ordinalOf = (exchange: Exchange) => Number(exchange.step.slice(exchange.step.lastIndexOf('#') + 1));
const byOrdinal = (x: Exchange, y: Exchange) => ordinalOf(x) - ordinalOf(y);

export function pairExchanges(allA: readonly Exchange[], allB: readonly Exchange[]): Pairing {
  const [a, b] = [settled(allA), settled(allB)];
  const sequential = inOrder(
    a.filter((x) => !x.overlapped),
    b.filter((y) => !y.overlapped),
  );
  const overlapped = byAnswer(
    a.filter((x) => x.overlapped),
    b.filter((y) => y.overlapped),
  );
  const pairs = [...sequential.pairs, ...overlapped.pairs];
  const leftA = [...sequential.onlyA, ...overlapped.onlyA];
  const leftB = [...sequential.onlyB, ...overlapped.onlyB];
  const onlyA = leftA.filter((x) => !isRepeat(x, a, b));
  const onlyB = leftB.filter((y) => !isRepeat(y, b, a));
  const polled = allA.length - a.length + allB.length - b.length;
  return { pairs, onlyA, onlyB, repeated: polled + leftA.length - onlyA.length + leftB.length - onlyB.length };
}

/** The calls in the order they were made, with each poll's last call only: how often a poll saw the state in between is timing. */
function settled(exchanges: readonly Exchange[]): Exchange[] {
  const last = new Map<number, Exchange>();
  for (const exchange of exchanges) {
    if (exchange.poll === undefined) continue;
    const seen = last.get(exchange.poll);
    if (!seen || byOrdinal(exchange, seen) > 0) last.set(exchange.poll, exchange);
  }
  return exchanges.filter((exchange) => exchange.poll === undefined || last.get(exchange.poll) === exchange).sort(byOrdinal);
}

/** A read whose answer came just before or after it in its own run (in order), and in the other run too: a poll or a page more. */
function isRepeat(exchange: Exchange, own: readonly Exchange[], other: readonly Exchange[]): boolean {
  if (!READS.has(exchange.method)) return false;
  const at = own.indexOf(exchange);
  const neighbours = [own[at - 1], own[at + 1]].filter((item): item is Exchange => item !== undefined);
  return neighbours.some((item) => sameAnswer(exchange, item)) && other.some((item) => sameAnswer(exchange, item));
}

/** The longest common run of alike answers, in order; the calls between two of its pairs pair in order. */
function inOrder(a: readonly Exchange[], b: readonly Exchange[]): Omit<Pairing, 'repeated'> {
  const longest: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      longest[i]![j] = sameAnswer(a[i]!, b[j]!) ? longest[i + 1]![j + 1]! + 1 : Math.max(longest[i + 1]![j]!, longest[i]![j + 1]!);
    }
  }
  const pairs: [Exchange, Exchange][] = [];
  const onlyA: Exchange[] = [];
  const onlyB: Exchange[] = [];
  let gapA: Exchange[] = [];
  let gapB: Exchange[] = [];
  const closeGap = () => {
    const paired = Math.min(gapA.length, gapB.length);
    for (let k = 0; k < paired; k += 1) pairs.push([gapA[k]!, gapB[k]!]);
    onlyA.push(...gapA.slice(paired));
    onlyB.push(...gapB.slice(paired));
    gapA = [];
    gapB = [];
  };
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    if (sameAnswer(a[i]!, b[j]!)) {
      closeGap();
      pairs.push([a[i++]!, b[j++]!]);
    } else if (longest[i + 1]![j]! >= longest[i]![j + 1]!) gapA.push(a[i++]!);
    else gapB.push(b[j++]!);
  }
  gapA.push(...a.slice(i));
  gapB.push(...b.slice(j));
  closeGap();
  return { pairs, onlyA, onlyB };
}

/** Alike answers first, whatever their order; the rest in the order the calls were made. */
function byAnswer(a: readonly Exchange[], b: readonly Exchange[]): Omit<Pairing, 'repeated'> {
  const pairs: [Exchange, Exchange][] = [];
  const restB = [...b];
  const restA: Exchange[] = [];
  for (const x of a) {
    const same = restB.findIndex((y) => sameAnswer(x, y));
    if (same >= 0) pairs.push([x, restB.splice(same, 1)[0]!]);
    else restA.push(x);
  }
  const paired = Math.min(restA.length, restB.length);
  for (let k = 0; k < paired; k += 1) pairs.push([restA[k]!, restB[k]!]);
  return { pairs, onlyA: restA.slice(paired), onlyB: restB.slice(paired) };
}
