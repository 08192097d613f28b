// The keys of one table ordered by when they expire, so that a TTL sweep takes
// the due ones without looking at the rest: a map from key to its current
// expiry, and a min-heap of (expiry, key) that may hold outdated pairs. A pair
// whose key has since moved or gone is skipped when it comes out, and the heap
// is rebuilt from the map once outdated pairs outnumber current ones, so it
// stays within about twice the number of keys however often they change.

export interface Expiring<K> {
  key: K;
  /** The TTL attribute's value: epoch seconds. */
  expiresAt: number;
}

export interface ExpiryQueue<K> {
  /** Sets the key's expiry; undefined forgets the key. */
  set(id: string, key: K, expiresAt: number | undefined): void;
  /** Removes and returns up to `limit` keys that expire before `before`, soonest first. */
  takeBefore(before: number, limit: number): Expiring<K>[];
  readonly size: number;
}

interface Slot {
  expiresAt: number;
  id: string;
}

// A floor on the rebuild threshold, so that a small queue is not rebuilt on every change.
const MIN_REBUILD_SIZE = 1024;

export function createExpiryQueue<K>(): ExpiryQueue<K> {
  const current = new Map<string, Expiring<K>>();
  let heap: Slot[] = [];

  const earlier = (a: Slot, b: Slot): boolean => a.expiresAt < b.expiresAt;

  function push(slot: Slot): void {
    let index = heap.push(slot) - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!earlier(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  function pop(): Slot | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && earlier(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && earlier(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === index) break;
      [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
      index = smallest;
    }
    return top;
  }

  const isCurrent = (slot: Slot): boolean => current.get(slot.id)?.expiresAt === slot.expiresAt;

  function rebuildIfMostlyOutdated(): void {
    if (heap.length <= Math.max(MIN_REBUILD_SIZE, 2 * current.size)) return;
    heap = [];
    for (const [id, { expiresAt }] of current) push({ expiresAt, id });
  }

  return {
    set(id, key, expiresAt) {
      const previous = current.get(id);
      if (expiresAt === undefined) {
        current.delete(id);
      } else {
        current.set(id, { key, expiresAt });
        // An unchanged expiry already has its pair in the heap.
        if (previous?.expiresAt !== expiresAt) push({ expiresAt, id });
      }
      rebuildIfMostlyOutdated();
    },
    takeBefore(before, limit) {
      const due: Expiring<K>[] = [];
      while (due.length < limit && heap.length > 0 && heap[0]!.expiresAt < before) {
        const slot = pop()!;
        if (!isCurrent(slot)) continue;
        due.push(current.get(slot.id)!);
        current.delete(slot.id);
      }
      return due;
    },
    get size() {
      return current.size;
    },
  };
}
