// The invocations the page knows, in the order the console recorded them
// (`seq`), one per id: from the list fetched on load and from the live stream,
// in whichever order they arrive.
// Paused, arrivals wait aside and are counted; resumed, they join the list.
// Past `capacity` the oldest leave, as they leave the server's ring.
import type { InvocationSummary } from '../console-types.ts';

export class InvocationStore {
  readonly #byId = new Map<string, InvocationSummary>();
  #ordered: InvocationSummary[] = [];
  readonly #pending = new Map<string, InvocationSummary>();
  #paused = false;

  constructor(public capacity = 1000) {}

  get paused(): boolean {
    return this.#paused;
  }

  /** How many arrived while paused. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Oldest first. */
  all(): readonly InvocationSummary[] {
    return this.#ordered;
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** One from the stream; true when the list changed. */
  receive(invocation: InvocationSummary): boolean {
    if (this.#byId.has(invocation.id)) return false;
    if (this.#paused) {
      this.#pending.set(invocation.id, invocation);
      // Held aside no longer than they would be kept: the oldest of them go first (a Map keeps arrival order).
      if (this.#pending.size > this.capacity) this.#pending.delete(this.#pending.keys().next().value!);
      return false;
    }
    return this.merge([invocation]);
  }

  /** Several (the fetched list, or those held while paused); true when the list changed. */
  merge(invocations: readonly InvocationSummary[]): boolean {
    const fresh = invocations.filter((invocation) => !this.#byId.has(invocation.id));
    if (fresh.length === 0) return false;
    for (const invocation of fresh) this.#byId.set(invocation.id, invocation);
    const before = this.#ordered.length;
    this.#ordered.push(...fresh);
    // Stream events come in the console's order (hundreds a second under load: appended, not sorted); a list
    // fetched after some of them does not. Ordered and trimmed by seq, as the server's ring keeps and drops them.
    let inOrder = true;
    for (let index = Math.max(1, before); index < this.#ordered.length && inOrder; index += 1) {
      inOrder = this.#ordered[index - 1]!.seq < this.#ordered[index]!.seq;
    }
    if (!inOrder) this.#ordered.sort((a, b) => a.seq - b.seq);
    this.#trim();
    return true;
  }

  pause(): void {
    this.#paused = true;
  }

  /** Resumes and adds what arrived meanwhile; true when the list changed. */
  resume(): boolean {
    this.#paused = false;
    const held = [...this.#pending.values()];
    this.#pending.clear();
    return this.merge(held);
  }

  clear(): void {
    this.#byId.clear();
    this.#ordered = [];
    this.#pending.clear();
  }

  /** These ids in time order, oldest first; unknown ones left out. */
  inTimeOrder(ids: Iterable<string>): string[] {
    const wanted = new Set(ids);
    return this.#ordered.filter((invocation) => wanted.has(invocation.id)).map((invocation) => invocation.id);
  }

  #trim(): void {
    const excess = this.#ordered.length - this.capacity;
    if (excess <= 0) return;
    for (const gone of this.#ordered.splice(0, excess)) this.#byId.delete(gone.id);
  }
}
