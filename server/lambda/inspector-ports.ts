// The debugging ports of --inspect: one per function, in the contract's order
// from the first port, each checked free before anything starts (Node's
// inspector only warns on a busy port and runs on without one).
import { createServer } from 'node:net';

export const DEFAULT_INSPECT_PORT = 9229;

export function inspectorPorts(functionNames: readonly string[], firstPort: number): Map<string, number> {
  return new Map(functionNames.map((name, index) => [name, firstPort + index]));
}

/** The first of the ports that cannot be listened on at 127.0.0.1 (or is past 65535), if any. */
export async function firstUnavailablePort(ports: Iterable<number>): Promise<number | undefined> {
  for (const port of ports) {
    if (port > 65535) return port;
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
    });
    if (!free) return port;
  }
  return undefined;
}
