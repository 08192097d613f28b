// Which execution environment serves a request, as a table of rules over an
// explicit picture of the pools: use an idle one, start one, start one after
// stopping the idle one used longest ago, or wait (for a core, a busy
// environment, or room in the budget). Also which environment an invocation
// leaves behind, which idle ones are reclaimed, and which are stopped when the
// emulator has grown past its budget. Pure: the time, the measurements and the
// bounds are passed in; function-runtime.ts carries the decisions out.
//
// `E` is whatever the caller identifies an environment by; it is handed back
// in decisions and never looked into.

/** Lambda's concurrency limits, as bounds on environments: per function, and all functions together. */
export interface PoolBounds {
  /** A function's reserved concurrency; Infinity when unreserved. */
  perFunction: number;
  /** Environments of all functions together at most (an explicit cap); Infinity when only the memory budget bounds them. */
  total: number;
  /** The account's concurrency as memory: a new environment starts while it fits. */
  memory?: MemoryView;
  /** Environments starting at once at most: a cold start is CPU-bound, and beyond the machine's pace they only slow each other. */
  startsAtOnce?: number;
  /** The machine's cores, which the invocations share. */
  cores?: number;
}

export interface MemoryView {
  budgetMb: number;
  /** What the emulator's processes use now; asked only when a start is being decided. */
  usedMb: () => number;
  /** What one more environment is expected to add. */
  environmentMb: number;
}

export interface EnvironmentView<E> {
  environment: E;
  busy: boolean;
  /** When it last finished an invocation, or started (ms since the epoch). */
  lastUsed: number;
  /** The code version it runs. */
  version: string;
  /** False once its process has gone (crashed, timed out). */
  alive: boolean;
  /** How long its invocation has run so far, when busy. */
  busyForMs?: number;
  /** How long it has been idle, when idle; unknown: long. */
  idleForMs?: number;
}

export interface FunctionPoolView<E> {
  functionName: string;
  /** The newest code version an invocation asked for: idle environments on another are stale. */
  version: string;
  /** Being debugged: one environment on its inspector port, outside the total bound, never reclaimed or evicted. */
  debugged: boolean;
  environments: readonly EnvironmentView<E>[];
  /** Environments starting: their places are taken. */
  starting: number;
  /** Environments being stopped, until their processes have exited. */
  stopping: number;
  /** About as long as a cold start takes (the last Init Duration): a request a busy environment would serve later than this starts another. */
  patienceMs?: number;
  /** How long its invocations take lately; unknown before the first has finished. */
  invocationMs?: number;
  /** The share of a core its invocations keep busy lately while they can run (0 to 1); unknown before the first has answered. */
  cpuShare?: number;
}

export interface PoolState<E> {
  /** In a stable order: of idle environments used equally long ago, the one listed first is evicted first. */
  functions: readonly FunctionPoolView<E>[];
  bounds: PoolBounds;
}

/** An environment and the function it belongs to. */
export interface PlacedEnvironment<E> {
  functionName: string;
  environment: E;
}

export type AdmissionDecision<E> =
  | { kind: 'use-idle'; environment: E }
  | { kind: 'start' }
  | { kind: 'start-after-stopping'; stop: PlacedEnvironment<E> }
  | { kind: 'wait' };

export type AdmissionRuleName =
  | 'the cores are taken: wait'
  | 'idle environment'
  | 'debugged: one at a time'
  | 'debugged: start'
  | 'function bound reached'
  | 'a busy one may free sooner than a cold start: wait'
  | 'starts at the machine pace: wait'
  | 'within the budget'
  | 'budget spent: evict the idle longest'
  | 'budget spent: wait for its own, or an idle one in use lately'
  | 'budget spent, none running: start one'
  | 'budget spent, none idle';

export interface Admission<E> {
  /** Idle environments of the function that have gone or run older code: stopped whatever the decision. */
  stopStale: readonly E[];
  decision: AdmissionDecision<E>;
  /** The rule that decided. */
  rule: AdmissionRuleName;
}

/** What a rule sees: the requesting function with its stale environments already taken out, how long the request has waited, and how many requests of its function wait before it. */
interface AdmissionContext<E> {
  pool: FunctionPoolView<E>;
  state: PoolState<E>;
  waitedMs: number;
  ahead: number;
}

interface AdmissionRule {
  readonly rule: AdmissionRuleName;
  readonly when: <E>(context: AdmissionContext<E>) => boolean;
  readonly decide: <E>(context: AdmissionContext<E>) => AdmissionDecision<E>;
}

const isStale = <E>(pool: FunctionPoolView<E>, view: EnvironmentView<E>): boolean =>
  !view.busy && (view.version !== pool.version || !view.alive);

const placesOf = <E>(pool: FunctionPoolView<E>): number => pool.environments.length + pool.starting;

/** A debugged function's environment is outside the total bound: evicting it would only start it again. */
const placesTaken = <E>(state: PoolState<E>): number =>
  state.functions.filter((pool) => !pool.debugged).reduce((sum, pool) => sum + placesOf(pool), 0);

/** The idle environment used most recently: of equal ones, the later listed. */
function mostRecentlyUsedIdle<E>(pool: FunctionPoolView<E>): EnvironmentView<E> | undefined {
  let newest: EnvironmentView<E> | undefined;
  for (const view of pool.environments) if (!view.busy && (!newest || view.lastUsed >= newest.lastUsed)) newest = view;
  return newest;
}

/** The environment idle longest, of any function not being debugged: of equal ones, the first listed. */
function leastRecentlyUsedIdle<E>(state: PoolState<E>): PlacedEnvironment<E> | undefined {
  const oldest = oldestIdle(state);
  return oldest && { functionName: oldest.pool.functionName, environment: oldest.view.environment };
}

function oldestIdle<E>(state: PoolState<E>): { pool: FunctionPoolView<E>; view: EnvironmentView<E> } | undefined {
  let oldest: { pool: FunctionPoolView<E>; view: EnvironmentView<E> } | undefined;
  for (const pool of state.functions) {
    if (pool.debugged) continue;
    for (const view of pool.environments) {
      if (!view.busy && (!oldest || view.lastUsed < oldest.view.lastUsed)) oldest = { pool, view };
    }
  }
  return oldest;
}

/**
 * Stopping an idle environment to start another costs its function a cold start when it is next called: with
 * the budget spent under a steady load, that only trades cold starts between functions (a 1 GB budget at 50
 * connections: six a second, a tenth of the throughput). So a function with none makes room once its request
 * has waited as long as the other function's cold start or that environment has been idle that long (before,
 * it is still in use); a function that has an environment waits for it, unless the other has been idle for
 * ten cold starts (its own may be stuck in a long invocation while that one sits unused).
 */
function evictable<E>(pool: FunctionPoolView<E>, state: PoolState<E>, waitedMs: number): boolean {
  const oldest = oldestIdle(state);
  if (!oldest) return false;
  const coldStartMs = oldest.pool.patienceMs ?? 0;
  const idleForMs = oldest.view.idleForMs ?? Number.POSITIVE_INFINITY;
  if (placesOf(pool) > 0) return idleForMs >= LONG_IDLE_COLD_STARTS * coldStartMs;
  return idleForMs >= coldStartMs || waitedMs >= coldStartMs;
}

/** An environment idle this many of its cold starts is not in use: a function with an environment of its own may take its place. */
const LONG_IDLE_COLD_STARTS = 10;

const startingAnywhere = <E>(state: PoolState<E>): number => state.functions.reduce((sum, pool) => sum + pool.starting, 0);

/** Room for one more environment: under the cap on their number, and its expected size fits the memory budget with those starting. */
function roomForOneMore<E>(state: PoolState<E>): boolean {
  const { total, memory } = state.bounds;
  if (placesTaken(state) >= total) return false;
  if (!memory) return true;
  return memory.usedMb() + (startingAnywhere(state) + 1) * memory.environmentMb <= memory.budgetMb;
}

/** Nothing runs or starts that could free memory by finishing: waiting would never end. */
const noneRunning = <E>(state: PoolState<E>): boolean =>
  state.functions.every((pool) => pool.starting === 0 && pool.environments.every((view) => !view.busy));

/**
 * When a busy environment would serve a request with `ahead` requests of its
 * function before it: each busy one frees once its invocation has run as long
 * as the function's invocations take lately (one that has run longer: once it
 * has run as long again), then serves the waiting requests one after another
 * at that pace. Unknown before an invocation has finished.
 */
export function expectedWaitMs<E>(pool: FunctionPoolView<E>, ahead: number): number | undefined {
  const typical = pool.invocationMs;
  if (typical === undefined) return undefined;
  const frees = pool.environments
    .filter((view) => view.busy)
    .map(({ busyForMs = 0 }) => (busyForMs < typical ? typical - busyForMs : busyForMs))
    .sort((a, b) => a - b);
  if (frees.length === 0) return undefined;
  return frees[ahead % frees.length]! + Math.floor(ahead / frees.length) * typical;
}

/** The cores the invocations running or about to run keep busy, each at its function's share. */
const coresInUse = <E>(state: PoolState<E>): number =>
  state.functions.reduce(
    (sum, pool) =>
      sum + (pool.debugged ? 0 : (pool.cpuShare ?? 0) * (pool.starting + pool.environments.filter((view) => view.busy).length)),
    0,
  );

/**
 * One more invocation of the function would ask the cores for more than they have: it would not finish
 * sooner for running now, only make every running one slower and dearer. One invocation of each function
 * always runs, and so do those that mostly wait (their share is small).
 */
function coresTaken<E>(pool: FunctionPoolView<E>, state: PoolState<E>): boolean {
  const { cores } = state.bounds;
  if (cores === undefined || pool.debugged || pool.cpuShare === undefined) return false;
  if (pool.starting === 0 && !pool.environments.some((view) => view.busy)) return false;
  return coresInUse(state) + pool.cpuShare > cores;
}

/** A busy environment is expected to serve the request before a cold start would; before any invocation has finished, while it has waited less than one. */
function busyOneServesSooner<E>({ pool, waitedMs, ahead }: AdmissionContext<E>): boolean {
  if (!pool.environments.some((view) => view.busy)) return false;
  const patience = pool.patienceMs ?? 0;
  return (expectedWaitMs(pool, ahead) ?? waitedMs) < patience;
}

const wait = <E>(): AdmissionDecision<E> => ({ kind: 'wait' });
const start = <E>(): AdmissionDecision<E> => ({ kind: 'start' });

/** The first rule that applies decides. */
export const ADMISSION_RULES: readonly AdmissionRule[] = [
  // Lambda gives every environment a CPU of its own; here they share the machine's. Beyond what the cores
  // can run, another invocation at once only slows the others: it waits for one to finish.
  { rule: 'the cores are taken: wait', when: ({ pool, state }) => coresTaken(pool, state), decide: wait },
  // A warm environment saves a cold start; taking the one used last leaves the others idle long enough to be reclaimed.
  {
    rule: 'idle environment',
    when: ({ pool }) => mostRecentlyUsedIdle(pool) !== undefined,
    decide: ({ pool }) => ({ kind: 'use-idle', environment: mostRecentlyUsedIdle(pool)!.environment }),
  },
  // One environment, on the function's port: the next starts once the last has let go of it.
  { rule: 'debugged: one at a time', when: ({ pool }) => pool.debugged && (placesOf(pool) >= 1 || pool.stopping > 0), decide: wait },
  { rule: 'debugged: start', when: ({ pool }) => pool.debugged, decide: start },
  // The function's reserved concurrency.
  { rule: 'function bound reached', when: ({ pool, state }) => placesOf(pool) >= state.bounds.perFunction, decide: wait },
  // A cold start costs its time in CPU on this machine: a request a busy environment will serve sooner
  // waits for it, which keeps a steady load on as many environments as it needs (about the requests queued
  // times their duration over a cold start), not one per connection.
  { rule: 'a busy one may free sooner than a cold start: wait', when: busyOneServesSooner, decide: wait },
  // Whichever comes first serves the request: an environment that finishes, or a place to start one.
  {
    rule: 'starts at the machine pace: wait',
    when: ({ state }) => startingAnywhere(state) >= (state.bounds.startsAtOnce ?? Number.POSITIVE_INFINITY),
    decide: wait,
  },
  // The account's concurrency, as memory (and an explicit cap on environments, when set).
  { rule: 'within the budget', when: ({ state }) => roomForOneMore(state), decide: start },
  {
    rule: 'budget spent: evict the idle longest',
    when: ({ pool, state, waitedMs }) => evictable(pool, state, waitedMs),
    decide: ({ state }) => ({ kind: 'start-after-stopping', stop: leastRecentlyUsedIdle(state)! }),
  },
  {
    rule: 'budget spent: wait for its own, or an idle one in use lately',
    when: ({ pool, state }) => placesOf(pool) > 0 || oldestIdle(state) !== undefined,
    decide: wait,
  },
  // The emulator alone has outgrown the budget (data written): one environment still serves, one request at a time.
  { rule: 'budget spent, none running: start one', when: ({ state }) => noneRunning(state), decide: start },
  { rule: 'budget spent, none idle', when: () => true, decide: wait },
];

function poolNamed<E>(state: PoolState<E>, functionName: string): FunctionPoolView<E> {
  const pool = state.functions.find((candidate) => candidate.functionName === functionName);
  if (!pool) throw new Error(`Function not found: ${functionName}`);
  return pool;
}

const withPool = <E>(
  state: PoolState<E>,
  functionName: string,
  change: (pool: FunctionPoolView<E>) => FunctionPoolView<E>,
): PoolState<E> => ({
  ...state,
  functions: state.functions.map((pool) => (pool.functionName === functionName ? change(pool) : pool)),
});

const withoutEnvironments = <E>(pool: FunctionPoolView<E>, gone: readonly E[]): FunctionPoolView<E> => ({
  ...pool,
  environments: pool.environments.filter((view) => !gone.includes(view.environment)),
  stopping: pool.stopping + gone.length,
});

/** What one request for the function, waiting for `waitedMs` so far behind `ahead` waiting requests of its function, gets now. */
export function admit<E>(state: PoolState<E>, functionName: string, waitedMs = Number.POSITIVE_INFINITY, ahead = 0): Admission<E> {
  const requested = poolNamed(state, functionName);
  const stopStale = requested.environments.filter((view) => isStale(requested, view)).map((view) => view.environment);
  const fresh = withPool(state, functionName, (pool) => withoutEnvironments(pool, stopStale));
  const context = { pool: poolNamed(fresh, functionName), state: fresh, waitedMs, ahead };
  const rule = ADMISSION_RULES.find((candidate) => candidate.when(context))!;
  return { stopStale, decision: rule.decide(context), rule: rule.rule };
}

/** The state once an admission has been carried out. */
export function afterAdmission<E>(state: PoolState<E>, functionName: string, admission: Admission<E>): PoolState<E> {
  const { decision } = admission;
  let next = withPool(state, functionName, (pool) => withoutEnvironments(pool, admission.stopStale));
  if (decision.kind === 'start-after-stopping') {
    next = withPool(next, decision.stop.functionName, (pool) => withoutEnvironments(pool, [decision.stop.environment]));
  }
  return withPool(next, functionName, (pool) => {
    if (decision.kind === 'use-idle') {
      const environments = pool.environments.map((view) => (view.environment === decision.environment ? { ...view, busy: true } : view));
      return { ...pool, environments };
    }
    return decision.kind === 'wait' ? pool : { ...pool, starting: pool.starting + 1 };
  });
}

/**
 * The waiting requests (their function names and how long they have waited; longest waiting first), each
 * admitted in turn on the state the ones before it leave: one admission per
 * request, in the same order.
 */
export function admitWaiting<E>(
  state: PoolState<E>,
  waiting: readonly (string | { functionName: string; waitedMs: number })[],
): Admission<E>[] {
  const admissions: Admission<E>[] = [];
  const stillWaiting = new Map<string, number>();
  let current = state;
  for (const request of waiting) {
    const { functionName, waitedMs } =
      typeof request === 'string' ? { functionName: request, waitedMs: Number.POSITIVE_INFINITY } : request;
    const ahead = stillWaiting.get(functionName) ?? 0;
    const admission = admit(current, functionName, waitedMs, ahead);
    admissions.push(admission);
    if (admission.decision.kind === 'wait') stillWaiting.set(functionName, ahead + 1);
    current = afterAdmission(current, functionName, admission);
  }
  return admissions;
}

/** What becomes of an environment once it has finished an invocation. */
export type AfterInvocation = 'forget' | 'stop' | 'keep-idle';

export function afterInvocation(environment: { alive: boolean; version: string }, functionVersion: string): AfterInvocation {
  // It has gone (timed out, crashed): nothing is left to stop.
  if (!environment.alive) return 'forget';
  // The code changed while it ran (hot reload): the next request gets the new code.
  if (environment.version !== functionVersion) return 'stop';
  return 'keep-idle';
}

/**
 * When the emulator holds more than the budget (environments grow after they start; data is written): idle
 * environments to stop, the idle longest first, enough at their expected size to be back within it. Never a
 * debugged function's; none when within the budget or without one.
 */
export function overBudget<E>(state: PoolState<E>, usedMb: number): PlacedEnvironment<E>[] {
  const { memory } = state.bounds;
  if (!memory || usedMb <= memory.budgetMb) return [];
  const pools = state.functions.filter((pool) => !pool.debugged);
  const idle = pools
    .flatMap((pool) =>
      pool.environments
        .filter((view) => !view.busy)
        .map((view) => ({ lastUsed: view.lastUsed, placed: { functionName: pool.functionName, environment: view.environment } })),
    )
    .sort((a, b) => a.lastUsed - b.lastUsed);
  // When nothing else runs or starts, the one used last stays: the emulator alone over the budget still serves (the rule 'budget spent, none running').
  const othersLeft = pools.reduce((sum, pool) => sum + pool.starting + pool.environments.filter((view) => view.busy).length, 0);
  const stoppable = othersLeft > 0 ? idle : idle.slice(0, -1);
  return stoppable.slice(0, Math.ceil((usedMb - memory.budgetMb) / memory.environmentMb)).map(({ placed }) => placed);
}

/** Idle environments left unused for idleTimeoutMs or longer, except debugged functions' (a debugger stays attached). */
export function idleToReclaim<E>(state: PoolState<E>, now: number, idleTimeoutMs: number): PlacedEnvironment<E>[] {
  const cutoff = now - idleTimeoutMs;
  return state.functions
    .filter((pool) => !pool.debugged)
    .flatMap((pool) =>
      pool.environments
        .filter((view) => !view.busy && view.lastUsed <= cutoff)
        .map((view) => ({ functionName: pool.functionName, environment: view.environment })),
    );
}
