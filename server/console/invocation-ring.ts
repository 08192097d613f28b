// The console's memory of recent requests: a bounded ring (the oldest goes
// when it is full), and the listeners that stream each new one to open pages.
// Adding is O(1) and never waits on a listener.
import type { InvocationRecord, InvocationSummary } from './console-types.ts';
import { type NewInvocation, summaryOf } from './invocation-record.ts';

export interface RingListener {
  added(summary: InvocationSummary): void;
  /** Everything kept was dropped (the console's Clear). */
  cleared(): void;
}

export interface InvocationRing {
  readonly capacity: number;
  /** Keeps it, numbered after every record before it. */
  add(record: NewInvocation): void;
  /** Oldest first. */
  summaries(): InvocationSummary[];
  get(id: string): InvocationRecord | undefined;
  /** In the order given; ids no longer kept are left out. */
  pick(ids: readonly string[]): InvocationRecord[];
  clear(): void;
  /** Tells `listener` of every record added, and of every clear, from now; returns the way to stop. */
  subscribe(listener: RingListener): () => void;
}

export function createInvocationRing(capacity: number): InvocationRing {
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a whole number of at least 1 (got ${capacity})`);
  const slots: Array<InvocationRecord | undefined> = new Array(capacity);
  const byId = new Map<string, InvocationRecord>();
  let next = 0;
  let size = 0;
  let sequence = 0;
  const listeners = new Set<RingListener>();

  const inOrder = (): InvocationRecord[] => {
    const records: InvocationRecord[] = [];
    for (let i = 0; i < size; i += 1) records.push(slots[(next - size + i + capacity) % capacity]!);
    return records;
  };

  return {
    capacity,
    add(added) {
      const record: InvocationRecord = { ...added, seq: ++sequence };
      const dropped = slots[next];
      // The id may name a newer record by now (an id recorded twice): only the dropped one's entry goes.
      if (dropped && size === capacity && byId.get(dropped.id) === dropped) byId.delete(dropped.id);
      slots[next] = record;
      byId.set(record.id, record);
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
      if (listeners.size === 0) return;
      const summary = summaryOf(record);
      for (const listener of listeners) listener.added(summary);
    },
    summaries: () => inOrder().map(summaryOf),
    get: (id) => byId.get(id),
    pick: (ids) => ids.flatMap((id) => byId.get(id) ?? []),
    clear() {
      slots.fill(undefined);
      byId.clear();
      next = 0;
      size = 0;
      for (const listener of listeners) listener.cleared();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
