/// <reference lib="dom" />
// The stream of finished requests (server-sent events, `event: invocation`).
// The browser reconnects by itself; each time the stream is open again the
// page fetches the list, so that nothing answered meanwhile is missed.
import type { InvocationSummary } from '../console-types.ts';

export type StreamState = 'connecting' | 'live' | 'down';

export interface StreamEvents {
  invocation(summary: InvocationSummary): void;
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
  source.addEventListener('invocation', (event) => {
    const summary = parse((event as MessageEvent<string>).data);
    if (summary) events.invocation(summary);
  });
  return { close: () => source.close() };
}

function parse(data: string): InvocationSummary | null {
  try {
    const value = JSON.parse(data) as Partial<InvocationSummary> | null;
    return value && typeof value.id === 'string' && typeof value.status === 'number' ? (value as InvocationSummary) : null;
  } catch {
    return null;
  }
}
