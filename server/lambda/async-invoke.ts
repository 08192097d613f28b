// Lambda's asynchronous invocation (InvocationType Event), as S3 notifications
// use it: the caller hands the event over and goes on at once; the event waits
// in an internal queue and is run by the function runtime. On a function error
// (the handler threw, timed out, its code failed to load, its environment
// died) Lambda "attempts to run it two more times, with a one-minute wait
// between the first two attempts, and two minutes between the second and third
// attempts" (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html),
// each attempt with the same request id
// (https://repost.aws/knowledge-center/lambda-function-duplicate-invocations).
// After the last failure the event is discarded, or sent to an on-failure
// destination or dead-letter queue if one is configured; none is here, so the
// drop is logged. Locally the waits default to 1 s and 2 s.
import type { FunctionRuntime } from './function-runtime.ts';
import { type InvokeOutcome, observerInto } from './invocation.ts';

/** One attempt of an asynchronous invocation, as it ran: for whoever watches (the dev console). */
export interface AsyncAttempt {
  functionName: string;
  requestId: string;
  /** What sent the event, e.g. `S3 ObjectCreated:Put uploads/1/a.jpg`. */
  trigger: string;
  event: unknown;
  attempt: number;
  attempts: number;
  /** When it started, ms since the epoch, and how long it ran. */
  startedAt: number;
  durationMs: number;
  coldStart: boolean | null;
  outcome: InvokeOutcome;
  /** The attempt's log lines, START to REPORT. */
  logs: string[];
  /** What came of a failure: the retry, or the drop. */
  note: string | null;
}

export interface AsyncInvokerOptions {
  runtime: Pick<FunctionRuntime, 'invoke'>;
  /**
   * The waits before each retry, in ms: two entries, as Lambda retries twice
   * (fewer entries, fewer retries, like MaximumRetryAttempts 0 or 1).
   * AWS waits 60 000 and 120 000; the default is 1 000 and 2 000.
   */
  retryDelaysMs?: readonly number[];
  /** Where the emulator's own lines about retries and drops go (beside the functions' START/END/REPORT). */
  log?: (line: string) => void;
  newRequestId?: () => string;
  now?: () => Date;
  /** Told about every attempt once it has ended. */
  observe?: (attempt: AsyncAttempt) => void;
}

export interface AsyncInvoker {
  /** Queues the event and returns its request id at once (Invoke's 202); never throws. `trigger` says what sent it. */
  invoke(functionName: string, event: unknown, trigger?: string): string;
  /** Events not settled yet: running, or waiting for a retry. */
  pending(): number;
  /** Cancels waiting retries and accepts no more events; attempts still running end with the runtime. */
  dispose(): Promise<void>;
}

export const LOCAL_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000];

interface QueuedEvent {
  functionName: string;
  event: unknown;
  requestId: string;
  trigger: string;
  timer?: NodeJS.Timeout;
}

export function createAsyncInvoker(options: AsyncInvokerOptions): AsyncInvoker {
  const delays = options.retryDelaysMs ?? LOCAL_RETRY_DELAYS_MS;
  if (delays.length > 2 || !delays.every((delay) => Number.isFinite(delay) && delay >= 0)) {
    throw new Error(`retryDelaysMs: at most two waits of 0 ms or more (got ${delays.join(', ')})`);
  }
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const newRequestId = options.newRequestId ?? (() => crypto.randomUUID());
  const now = options.now ?? (() => new Date());
  const attempts = delays.length + 1;
  const queued = new Set<QueuedEvent>();
  let disposed = false;

  const say = (entry: QueuedEvent, text: string) =>
    log(`[${entry.functionName}] ${now().toISOString()}\t${entry.requestId}\tASYNC\t${text}`);
  const describe = (outcome: Extract<InvokeOutcome, { ok: false }>) => `${outcome.kind}: ${outcome.message}`;

  async function run(entry: QueuedEvent, attempt: number): Promise<void> {
    let outcome: InvokeOutcome;
    const watched = options.observe && {
      logs: [] as string[],
      coldStart: null as boolean | null,
      startedAt: Date.now(),
      began: performance.now(),
    };
    const observer = watched && observerInto(watched);
    // What the invoker decided about this attempt, for the observer.
    const observed = (note: string | null) => {
      if (!watched || !options.observe) return;
      options.observe({
        functionName: entry.functionName,
        requestId: entry.requestId,
        trigger: entry.trigger,
        event: entry.event,
        attempt,
        attempts,
        startedAt: watched.startedAt,
        durationMs: performance.now() - watched.began,
        coldStart: watched.coldStart,
        outcome,
        logs: watched.logs,
        note,
      });
    };
    try {
      outcome = await options.runtime.invoke(entry.functionName, entry.event, {
        requestId: entry.requestId,
        ...(observer ? { observer } : {}),
      });
    } catch (error) {
      // Not a function error (no such function, the runtime is gone): nothing a retry would change.
      if (!disposed) say(entry, `Invocation failed: ${error instanceof Error ? error.message : String(error)}; event dropped`);
      queued.delete(entry);
      return;
    }
    if (outcome.ok || disposed) {
      observed(null);
      queued.delete(entry);
      return;
    }
    const delay = delays[attempt - 1];
    // Invoke itself refuses an event that is too large: there is no attempt to repeat.
    if (delay === undefined || outcome.kind === 'request-too-large') {
      const dropped = `Attempt ${attempt} of ${attempts} failed (${describe(outcome)}); event dropped: no on-failure destination or dead-letter queue is configured`;
      say(entry, dropped);
      observed(dropped);
      queued.delete(entry);
      return;
    }
    const retrying = `Attempt ${attempt} of ${attempts} failed (${describe(outcome)}); retrying in ${delay} ms`;
    say(entry, retrying);
    observed(retrying);
    entry.timer = setTimeout(() => {
      delete entry.timer;
      start(entry, attempt + 1);
    }, delay);
  }

  function start(entry: QueuedEvent, attempt: number): void {
    // run() catches what the runtime throws; this catches the rest (a log sink that throws), so delivery never crashes the emulator.
    run(entry, attempt).catch(() => queued.delete(entry));
  }

  return {
    invoke(functionName, event, trigger = 'asynchronous invocation') {
      const entry: QueuedEvent = { functionName, event, requestId: newRequestId(), trigger };
      if (disposed) {
        say(entry, 'Not delivered: the emulator is stopping');
        return entry.requestId;
      }
      queued.add(entry);
      // The caller's turn ends before the function starts.
      setImmediate(() => {
        if (!disposed) return start(entry, 1);
        queued.delete(entry);
        say(entry, 'Not delivered: the emulator is stopping');
      });
      return entry.requestId;
    },
    pending: () => queued.size,
    async dispose() {
      disposed = true;
      const waiting = [...queued].filter((entry) => entry.timer !== undefined);
      for (const entry of waiting) {
        clearTimeout(entry.timer);
        queued.delete(entry);
        say(entry, 'Retry cancelled: the emulator is stopping');
      }
    },
  };
}
