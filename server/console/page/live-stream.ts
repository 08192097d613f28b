/// <reference lib="dom" />
// The stream of finished requests (server-sent events, `event: invocations`,
// each a batch of them in the order they were answered).
// The browser reconnects by itself; each time the stream is open again the
// page fetches the list, so that nothing answered meanwhile is missed.
import type { InvocationSummary } from '../console-types.ts';

export type StreamState = 'connecting' | 'live' | 'down';

export interface StreamEvents {
  invocation(summary: InvocationSummary): void;
  /** The console's memory was cleared (here or in another tab): what the page holds is gone. */
  cleared(): void;
  /** Open (again): from now on nothing is missed, so fetch the list. */
  connected(): void;
  state(state: StreamState): void;
}

export function subscribe(url: string, events: StreamEvents): { close(): void } {
  const source = new EventSource(url);
  events.state('connecting');
  source.addEventListener('open', () => {
    events.state('live');
    events.connected();
  });
  source.addEventListener('error', () => events.state(source.readyState === EventSource.CLOSED ? 'down' : 'connecting'));
  source.addEventListener('cleared', () => events.cleared());
  source.addEventListener('invocations', (event) => {
    for (const summary of parse((event as MessageEvent<string>).data)) events.invocation(summary);
  });
  return { close: () => source.close() };
}

function parse(data: string): InvocationSummary[] {
  try {
    const value = JSON.parse(data) as unknown;
    return Array.isArray(value)
      ? value.filter(
          (item): item is InvocationSummary =>
            typeof item === 'object' && item !== null && typeof item.id === 'string' && typeof item.status === 'number',
        )
      : [];
  } catch {
    return [];
  }
}
