import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import {
  ADMISSION_RULES,
  admit,
  admitWaiting,
  afterAdmission,
  afterInvocation,
  expectedWaitMs,
  idleToReclaim,
  overBudget,
  type Admission,
  type AdmissionRuleName,
  type EnvironmentView,
  type FunctionPoolView,
  type PoolState,
} from './environment-pool-policy.ts';

// Environments are named by strings here; the runtime uses its own objects.
const idle = (environment: string, lastUsed: number, more: Partial<EnvironmentView<string>> = {}): EnvironmentView<string> => ({
  environment,
  busy: false,
  lastUsed,
  version: 'v1',
  alive: true,
  ...more,
});
const busy = (environment: string, lastUsed = 0): EnvironmentView<string> => ({ ...idle(environment, lastUsed), busy: true });

const fn = (functionName: string, more: Partial<FunctionPoolView<string>> = {}): FunctionPoolView<string> => ({
  functionName,
  version: 'v1',
  debugged: false,
  environments: [],
  starting: 0,
  stopping: 0,
  ...more,
});
const state = (functions: FunctionPoolView<string>[], perFunction = 2, total = 4): PoolState<string> => ({
  functions,
  bounds: { perFunction, total },
});

// Every rule of the table is decided by at least one test below.
const decidedBy = new Set<AdmissionRuleName>();
const admitted = (pools: PoolState<string>, functionName: string, waitedMs?: number): Admission<string> => {
  const admission = admit(pools, functionName, waitedMs);
  decidedBy.add(admission.rule);
  return admission;
};
after(() => {
  assert.deepEqual(
    ADMISSION_RULES.map((rule) => rule.rule).filter((rule) => !decidedBy.has(rule)),
    [],
    'every admission rule has a test',
  );
});

test('idle environment: the one used most recently serves the request', () => {
  const admission = admitted(state([fn('a', { environments: [busy('a0'), idle('a1', 10), idle('a2', 30), idle('a3', 20)] })]), 'a');
  assert.deepEqual(admission, { stopStale: [], decision: { kind: 'use-idle', environment: 'a2' }, rule: 'idle environment' });
});

test('idle environment: of ones used at the same time, the later listed (the last to become idle)', () => {
  const admission = admitted(state([fn('a', { environments: [idle('a1', 10), idle('a2', 10)] })]), 'a');
  assert.deepEqual(admission.decision, { kind: 'use-idle', environment: 'a2' });
});

test('idle environment: even at both bounds, an idle one is used', () => {
  const pools = state([fn('a', { environments: [busy('a1'), idle('a2', 5)] }), fn('b', { environments: [busy('b1'), busy('b2')] })], 2, 4);
  assert.equal(admitted(pools, 'a').rule, 'idle environment');
});

test('stale idle environments (gone, or on older code) are stopped whatever the decision, and not used', () => {
  const pools = state([
    fn('a', {
      version: 'v2',
      environments: [
        idle('old', 50, { version: 'v1' }),
        idle('gone', 40, { version: 'v2', alive: false }),
        idle('ok', 10, { version: 'v2' }),
      ],
    }),
  ]);
  assert.deepEqual(admitted(pools, 'a'), {
    stopStale: ['old', 'gone'],
    decision: { kind: 'use-idle', environment: 'ok' },
    rule: 'idle environment',
  });
});

test('stale idle environments free their places: the request starts a new one within the function bound', () => {
  const pools = state([fn('a', { version: 'v2', environments: [busy('a1'), idle('a2', 10, { version: 'v1' })] })], 2, 4);
  const admission = admitted(pools, 'a');
  assert.deepEqual(admission.stopStale, ['a2']);
  assert.deepEqual(admission.decision, { kind: 'start' });
  assert.equal(admission.rule, 'within the budget');
});

test('a busy environment on older code is not stale yet: it is stopped when its invocation ends', () => {
  const pools = state([fn('a', { version: 'v2', environments: [{ ...busy('a1'), version: 'v1' }] })]);
  assert.deepEqual(admitted(pools, 'a').stopStale, []);
});

test('debugged: one at a time, it waits while its environment runs, starts or is stopping', () => {
  const debugged = (more: Partial<FunctionPoolView<string>>) => state([fn('d', { debugged: true, ...more })]);
  for (const pools of [debugged({ environments: [busy('d1')] }), debugged({ starting: 1 }), debugged({ stopping: 1 })]) {
    const admission = admitted(pools, 'd');
    assert.deepEqual(admission.decision, { kind: 'wait' });
    assert.equal(admission.rule, 'debugged: one at a time');
  }
});

test('debugged: the stale environment it stops holds the port, so the request waits', () => {
  const admission = admitted(state([fn('d', { debugged: true, version: 'v2', environments: [idle('d1', 0)] })]), 'd');
  assert.deepEqual(admission.stopStale, ['d1']);
  assert.equal(admission.rule, 'debugged: one at a time');
});

test('debugged: start, outside the function bound and the total bound', () => {
  const pools = state([fn('d', { debugged: true }), fn('b', { environments: [busy('b1'), busy('b2')] })], 1, 2);
  assert.deepEqual(admitted(pools, 'd'), { stopStale: [], decision: { kind: 'start' }, rule: 'debugged: start' });
});

test('function bound reached: environments and those starting count, the request waits', () => {
  for (const pools of [
    state([fn('a', { environments: [busy('a1'), busy('a2')] })], 2, 8),
    state([fn('a', { environments: [busy('a1')], starting: 1 })], 2, 8),
  ]) {
    assert.deepEqual(admitted(pools, 'a'), { stopStale: [], decision: { kind: 'wait' }, rule: 'function bound reached' });
  }
});

test('function bound reached: an idle environment of another function is not stopped for it', () => {
  const pools = state([fn('a', { environments: [busy('a1')] }), fn('b', { environments: [idle('b1', 0)] })], 1, 2);
  assert.equal(admitted(pools, 'a').rule, 'function bound reached');
});

test('within the budget: a new environment starts', () => {
  const pools = state([fn('a', { environments: [busy('a1')] }), fn('b', { environments: [busy('b1')], starting: 1 })], 2, 4);
  assert.deepEqual(admitted(pools, 'a'), { stopStale: [], decision: { kind: 'start' }, rule: 'within the budget' });
});

test("within the budget: a debugged function's environment takes no place in it", () => {
  const pools = state([fn('d', { debugged: true, environments: [busy('d1')] }), fn('b', { environments: [busy('b1')] })], 2, 2);
  assert.equal(admitted(pools, 'b').rule, 'within the budget');
});

test('total bound: for a function with none, the environment idle longest, of any function, is stopped to start one', () => {
  const pools = state(
    [
      fn('a'),
      fn('e', { environments: [busy('e1')] }),
      fn('b', { environments: [idle('b1', 30), idle('b2', 10)] }),
      fn('c', { environments: [idle('c1', 20)] }),
    ],
    2,
    4,
  );
  assert.deepEqual(admitted(pools, 'a'), {
    stopStale: [],
    decision: { kind: 'start-after-stopping', stop: { functionName: 'b', environment: 'b2' } },
    rule: 'budget spent: evict the idle longest',
  });
});

test('total bound: of environments idle equally long, the first listed is stopped; a debugged one never', () => {
  const pools = state(
    [
      fn('a'),
      fn('e', { environments: [busy('e1')] }),
      fn('d', { debugged: true, environments: [idle('d1', 0)] }),
      fn('b', { environments: [idle('b1', 10)] }),
      fn('c', { environments: [idle('c1', 10)] }),
    ],
    2,
    3,
  );
  assert.deepEqual(admitted(pools, 'a').decision, { kind: 'start-after-stopping', stop: { functionName: 'b', environment: 'b1' } });
  // A function with an environment of its own waits for it instead: stopping another's would only move a cold start.
  const own = state(
    [fn('a', { environments: [busy('a1')] }), fn('b', { patienceMs: 200, environments: [idle('b1', 10, { idleForMs: 50 })] })],
    2,
    2,
  );
  assert.equal(admitted(own, 'a').rule, 'budget spent: wait for its own, or an idle one in use lately');
});

test('budget spent, none idle: the request waits', () => {
  const pools = state([fn('a'), fn('c', { environments: [busy('c1')] }), fn('b', { environments: [busy('b1')], starting: 1 })], 2, 3);
  assert.deepEqual(admitted(pools, 'a'), { stopStale: [], decision: { kind: 'wait' }, rule: 'budget spent, none idle' });
});

/** Pools under a memory budget: `usedMb` measured now, each environment expected to add `environmentMb`; no cap on their number. */
const withMemory = (functions: FunctionPoolView<string>[], usedMb: number, budgetMb = 500, environmentMb = 40): PoolState<string> => ({
  functions,
  bounds: {
    perFunction: Number.POSITIVE_INFINITY,
    total: Number.POSITIVE_INFINITY,
    memory: { budgetMb, usedMb: () => usedMb, environmentMb },
  },
});

test('within the budget: unreserved, a function gets an environment per concurrent request while memory allows', () => {
  const pools = withMemory([fn('a', { environments: [busy('a1'), busy('a2'), busy('a3')] })], 300);
  assert.deepEqual(admitted(pools, 'a'), { stopStale: [], decision: { kind: 'start' }, rule: 'within the budget' });
});

test('within the budget: environments still starting count at their expected size', () => {
  // 300 measured + 2 starting × 40 + this one 40 = 420 ≤ 500; with 3 starting, 460 + 40 > 500.
  assert.equal(admitted(withMemory([fn('a', { starting: 2 })], 300), 'a').rule, 'within the budget');
  assert.deepEqual(admitted(withMemory([fn('a', { starting: 5 }), fn('b', { environments: [busy('b1')] })], 300), 'a').decision, {
    kind: 'wait',
  });
});

test('budget spent: memory, not a count, makes the idle environment used longest make room', () => {
  const pools = withMemory([fn('a'), fn('b', { environments: [idle('b1', 5)] })], 480);
  assert.deepEqual(admitted(pools, 'a').decision, { kind: 'start-after-stopping', stop: { functionName: 'b', environment: 'b1' } });
});

test('budget spent: a function with an environment waits for it; one with none makes room once its request has waited as long as a cold start, or the idle one has been idle that long', () => {
  const W = 'budget spent: wait for its own, or an idle one in use lately';
  const pools = (idleForMs: number, requester = fn('a')) =>
    withMemory([requester, fn('b', { patienceMs: 200, environments: [idle('b1', 5, { idleForMs })] })], 480);
  assert.deepEqual(admitted(pools(50), 'a', 10), { stopStale: [], decision: { kind: 'wait' }, rule: W });
  assert.equal(admitted(pools(50), 'a', 200).rule, 'budget spent: evict the idle longest');
  assert.equal(admitted(pools(300), 'a', 10).rule, 'budget spent: evict the idle longest');
  // Its own busy environment will serve it, however long it has waited; unless the other has idled ten cold starts (not in use).
  assert.equal(admitted(pools(1000, fn('a', { environments: [busy('a1')] })), 'a', 5000).rule, W);
  assert.equal(admitted(pools(2000, fn('a', { environments: [busy('a1')] })), 'a', 0).rule, 'budget spent: evict the idle longest');
  // Nothing running and an idle one in use lately: wait for it rather than start beyond the budget.
  const allIdle = withMemory([fn('a'), fn('b', { patienceMs: 200, environments: [idle('b1', 5, { idleForMs: 50 })] })], 900);
  assert.equal(admitted(allIdle, 'a', 10).rule, W);
});

test('over the budget (environments grew, data was written): the idle environments used longest stop, enough to be back within it', () => {
  const pools = withMemory(
    [
      fn('a', { environments: [busy('a1'), idle('a2', 30)] }),
      fn('b', { environments: [idle('b1', 10), idle('b2', 20)] }),
      fn('d', { debugged: true, environments: [idle('d1', 0)] }),
    ],
    0,
  );
  // 500 MB budget, 40 MB an environment: 70 MB over takes two.
  assert.deepEqual(overBudget(pools, 570), [
    { functionName: 'b', environment: 'b1' },
    { functionName: 'b', environment: 'b2' },
  ]);
  assert.deepEqual(overBudget(pools, 500), [], 'within the budget');
  // Nothing running or starting: the idle one used last stays to serve, however far over.
  const allIdle = withMemory([fn('b', { environments: [idle('b1', 10), idle('b2', 20)] })], 0);
  assert.deepEqual(overBudget(allIdle, 10_000), [{ functionName: 'b', environment: 'b1' }]);
  assert.deepEqual(overBudget(state([fn('b', { environments: [idle('b1', 10)] })]), 10_000), [], 'no budget');
});

test('budget spent, none running: the emulator alone outgrew the budget, yet one environment starts (waiting would never end)', () => {
  assert.deepEqual(admitted(withMemory([fn('a'), fn('b')], 900), 'a'), {
    stopStale: [],
    decision: { kind: 'start' },
    rule: 'budget spent, none running: start one',
  });
  // One is busy: its end frees memory or leaves an idle one to evict, so the request waits.
  assert.equal(admitted(withMemory([fn('a'), fn('b', { environments: [busy('b1')] })], 900), 'a').rule, 'budget spent, none idle');
});

test('starts at the machine pace: with that many environments starting, the request waits for one of them or a free environment', () => {
  const pools: PoolState<string> = {
    functions: [fn('a', { environments: [busy('a1')], starting: 3 }), fn('b', { starting: 1 })],
    bounds: { perFunction: Number.POSITIVE_INFINITY, total: Number.POSITIVE_INFINITY, startsAtOnce: 4 },
  };
  assert.deepEqual(admitted(pools, 'a'), { stopStale: [], decision: { kind: 'wait' }, rule: 'starts at the machine pace: wait' });
  assert.equal(admitted({ ...pools, bounds: { ...pools.bounds, startsAtOnce: 5 } }, 'a').rule, 'within the budget');
});

test("a busy one may free sooner than a cold start: a request waits up to the function's patience, then starts one", () => {
  const pools = state([fn('a', { environments: [busy('a1')], patienceMs: 200 })], 4, 8);
  assert.deepEqual(admitted(pools, 'a', 50), {
    stopStale: [],
    decision: { kind: 'wait' },
    rule: 'a busy one may free sooner than a cold start: wait',
  });
  assert.equal(admitted(pools, 'a', 200).rule, 'within the budget');
  // Nothing busy to wait for: the first environment starts at once.
  assert.equal(admitted(state([fn('a', { patienceMs: 200 })], 4, 8), 'a', 0).rule, 'within the budget');
});

test('expected wait: each busy environment frees after its usual time (one that ran longer, as long again), then serves the waiting ones in turn', () => {
  const pool = fn('a', {
    invocationMs: 10,
    environments: [{ ...busy('a1'), busyForMs: 4 }, { ...busy('a2'), busyForMs: 30 }, idle('a3', 1)],
  });
  assert.deepEqual(
    [0, 1, 2, 3].map((ahead) => expectedWaitMs(pool, ahead)),
    [6, 30, 16, 40],
  );
  assert.equal(expectedWaitMs(fn('a', { environments: [busy('a1')] }), 0), undefined, 'no invocation has finished yet');
  assert.equal(expectedWaitMs(fn('a', { invocationMs: 10 }), 0), undefined, 'none busy');
});

test('a busy one may free sooner than a cold start: once invocations are timed, the queue before a request decides, not its wait so far', () => {
  const pools = state([fn('a', { environments: [busy('a1')], patienceMs: 250, invocationMs: 100 })], 8, 8);
  // Behind one busy environment: 100, 200, 300 ms away; a cold start takes 250.
  assert.deepEqual(
    admitWaiting(pools, ['a', 'a', 'a']).map((admission) => admission.rule),
    ['a busy one may free sooner than a cold start: wait', 'a busy one may free sooner than a cold start: wait', 'within the budget'],
  );
  // Short invocations: a request that waited longer than a cold start still waits, as one will free first.
  assert.equal(
    admitted(state([fn('a', { environments: [busy('a1')], patienceMs: 250, invocationMs: 2 })], 8, 8), 'a', 1000).decision.kind,
    'wait',
  );
  // An invocation that runs on past its usual time: expected to take as long again, so another starts.
  const stuck = fn('a', { environments: [{ ...busy('a1'), busyForMs: 300 }], patienceMs: 250, invocationMs: 2 });
  assert.equal(admitted(state([stuck], 8, 8), 'a', 0).rule, 'within the budget');
});

const withCores = (functions: FunctionPoolView<string>[], cores: number): PoolState<string> => ({
  functions,
  bounds: { perFunction: Number.POSITIVE_INFINITY, total: Number.POSITIVE_INFINITY, cores },
});

test('the cores are taken: beyond what the cores run, a request waits even with an idle environment; one that mostly waits (small share) does not', () => {
  const cpuBound = (environments: EnvironmentView<string>[], more: Partial<FunctionPoolView<string>> = {}) =>
    fn('a', { cpuShare: 0.8, environments, ...more });
  // 0.8 + 0.8 fits 2 cores: the idle one serves.
  assert.equal(admitted(withCores([cpuBound([busy('a1'), idle('a2', 1)])], 2), 'a').rule, 'idle environment');
  // 0.8 × 2 busy + 0.8 does not, idle or not; nor does one starting count for less.
  assert.deepEqual(admitted(withCores([cpuBound([busy('a1'), busy('a2'), idle('a3', 1)])], 2), 'a'), {
    stopStale: [],
    decision: { kind: 'wait' },
    rule: 'the cores are taken: wait',
  });
  assert.equal(admitted(withCores([cpuBound([busy('a1')], { starting: 1 })], 2), 'a').rule, 'the cores are taken: wait');
  // Other functions' invocations count too; but a function with none running always gets one.
  const other = fn('b', { cpuShare: 0.9, environments: [busy('b1'), busy('b2')] });
  assert.equal(admitted(withCores([cpuBound([busy('a1'), idle('a2', 1)]), other], 2), 'a').rule, 'the cores are taken: wait');
  assert.equal(admitted(withCores([cpuBound([idle('a2', 1)]), other], 2), 'a').rule, 'idle environment');
  // Invocations that mostly wait (for I/O, a timer) run side by side as on Lambda.
  const waiting = fn('a', { cpuShare: 0.02, environments: [busy('a1'), busy('a2'), busy('a3'), idle('a4', 1)] });
  assert.equal(admitted(withCores([waiting], 2), 'a').rule, 'idle environment');
  // Unknown share (no answer yet), no cores given, or a debugged function: not held back.
  assert.equal(
    admitted(withCores([fn('a', { environments: [busy('a1'), busy('a2'), busy('a3'), idle('a4', 1)] })], 1), 'a').rule,
    'idle environment',
  );
  assert.equal(admitted(state([cpuBound([busy('a1'), busy('a2'), idle('a3', 1)])], 8, 8), 'a').rule, 'idle environment');
  assert.equal(
    admitted(withCores([cpuBound([busy('a1'), busy('a2'), idle('a3', 1)], { debugged: true })], 2), 'a').rule,
    'idle environment',
  );
});

test('memory is measured only when a start is being decided', () => {
  let asked = 0;
  const pools: PoolState<string> = {
    functions: [fn('a', { environments: [idle('a1', 1)] })],
    bounds: { perFunction: 1, total: Number.POSITIVE_INFINITY, memory: { budgetMb: 500, usedMb: () => ++asked, environmentMb: 40 } },
  };
  admitWaiting(pools, ['a', 'a']);
  assert.equal(asked, 0, 'an idle environment, then the function bound: no measurement');
});

test('an unknown function is refused', () => {
  assert.throws(() => admit(state([fn('a')]), 'nope'), /Function not found: nope/);
});

test('after an admission: the idle environment is busy, a start takes a place, a stopped one leaves', () => {
  const pools = state([fn('a', { environments: [idle('a1', 5)] }), fn('b', { environments: [idle('b1', 1)] }), fn('c')], 2, 2);
  const used = afterAdmission(pools, 'a', admit(pools, 'a'));
  assert.deepEqual(used.functions[0]!.environments, [busy('a1', 5)]);
  const evicting = admit(used, 'c');
  assert.deepEqual(evicting.decision, { kind: 'start-after-stopping', stop: { functionName: 'b', environment: 'b1' } });
  const next = afterAdmission(used, 'c', evicting);
  assert.deepEqual(
    next.functions.map(({ environments, starting, stopping }) => ({ count: environments.length, starting, stopping })),
    [
      { count: 1, starting: 0, stopping: 0 },
      { count: 0, starting: 0, stopping: 1 },
      { count: 0, starting: 1, stopping: 0 },
    ],
  );
  assert.deepEqual(afterAdmission(next, 'a', admit(next, 'a')), next, 'waiting changes nothing');
});

test('waiting requests are admitted longest waiting first, each on the state the earlier ones leave', () => {
  const pools = state([fn('a', { environments: [idle('a1', 5)] }), fn('b', { environments: [busy('b1')] })], 2, 3);
  const admissions = admitWaiting(pools, ['a', 'a', 'b', 'a', 'b']);
  assert.deepEqual(
    admissions.map(({ decision }) => decision.kind),
    // a1 is used; the second a starts the last place; then nothing is left, whatever the function.
    ['use-idle', 'start', 'wait', 'wait', 'wait'],
  );
  assert.deepEqual(
    admissions.map(({ rule }) => rule),
    [
      'idle environment',
      'within the budget',
      'budget spent: wait for its own, or an idle one in use lately',
      'function bound reached',
      'budget spent: wait for its own, or an idle one in use lately',
    ],
  );
});

test('waiting requests: a stale environment is stopped once, by the first request of its function', () => {
  const pools = state([fn('a', { version: 'v2', environments: [idle('a1', 5, { version: 'v1' })] })], 1, 1);
  const admissions = admitWaiting(pools, ['a', 'a']);
  assert.deepEqual(
    admissions.map(({ stopStale, decision }) => ({ stopStale, kind: decision.kind })),
    [
      { stopStale: ['a1'], kind: 'start' },
      { stopStale: [], kind: 'wait' },
    ],
  );
});

test('after an invocation: a gone environment is forgotten, one on older code stopped, a current one kept idle', () => {
  assert.equal(afterInvocation({ alive: false, version: 'v2' }, 'v2'), 'forget');
  assert.equal(afterInvocation({ alive: false, version: 'v1' }, 'v2'), 'forget');
  assert.equal(afterInvocation({ alive: true, version: 'v1' }, 'v2'), 'stop');
  assert.equal(afterInvocation({ alive: true, version: 'v2' }, 'v2'), 'keep-idle');
});

test('idle reclaim: idle environments unused for the timeout or longer, except debugged ones; busy ones never', () => {
  const pools = state([
    fn('a', { environments: [idle('a-old', 100), idle('a-edge', 400), idle('a-new', 401), busy('a-busy', 0)] }),
    fn('d', { debugged: true, environments: [idle('d-old', 0)] }),
    fn('b', { environments: [idle('b-old', 50)] }),
  ]);
  assert.deepEqual(idleToReclaim(pools, 1000, 600), [
    { functionName: 'a', environment: 'a-old' },
    { functionName: 'a', environment: 'a-edge' },
    { functionName: 'b', environment: 'b-old' },
  ]);
  assert.deepEqual(idleToReclaim(pools, 1000, 10_000), []);
});
