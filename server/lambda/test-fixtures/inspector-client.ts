// A Chrome DevTools Protocol client for a Node.js inspector, as an editor's
// debugger talks to it: find the target on the port, open its WebSocket, send
// commands, wait for events. For tests of --inspect.
import { WebSocket } from 'ws';

export interface InspectorClient {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** The next event of this method (or one already received and not yet taken) for which `accept` holds. */
  event<T = Record<string, unknown>>(method: string, accept?: (params: T) => boolean): Promise<T>;
  close(): Promise<void>;
}

/** The WebSocket URL of the one target the inspector at this port serves. */
export async function debuggerUrl(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/json/list`);
  const [target] = (await response.json()) as Array<{ webSocketDebuggerUrl: string }>;
  if (!target) throw new Error(`no inspector target on port ${port}`);
  return target.webSocketDebuggerUrl;
}

export async function connectInspector(port: number): Promise<InspectorClient> {
  const socket = new WebSocket(await debuggerUrl(port));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const replies = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const received: Array<{ method: string; params: unknown }> = [];
  const waiting = new Set<() => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number;
      result?: unknown;
      error?: { message: string };
      method?: string;
      params?: unknown;
    };
    if (message.id !== undefined) {
      const reply = replies.get(message.id);
      replies.delete(message.id);
      if (message.error) reply?.reject(new Error(message.error.message));
      else reply?.resolve(message.result);
    } else if (message.method) {
      received.push({ method: message.method, params: message.params });
      for (const wake of waiting) wake();
    }
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('close', () => {
    for (const reply of replies.values()) reply.reject(new Error('the inspector closed the connection'));
    replies.clear();
  });
  return {
    send(method, params = {}) {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => replies.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    },
    event<T>(method: string, accept: (params: T) => boolean = () => true) {
      return new Promise<T>((resolve) => {
        const look = () => {
          const index = received.findIndex((event) => event.method === method && accept(event.params as T));
          if (index === -1) return;
          waiting.delete(look);
          resolve(received.splice(index, 1)[0]!.params as T);
        };
        waiting.add(look);
        look();
      });
    },
    async close() {
      socket.close();
      await closed;
    },
  };
}
