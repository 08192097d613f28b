// A stage that differs from the emulator in chosen answers: a proxy in front
// of it that passes every request through and changes the answers a
// deviation matches (another status, another header value, a field of
// another type). The parity check plants known differences with it and
// expects parity to name exactly those.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Deviation {
  method: string;
  path: RegExp;
  /** The emulator's status this deviation changes. */
  status: number;
  change: (answer: ProxiedAnswer) => ProxiedAnswer;
}

// Hop-by-hop, and what fetch already undid (it decompresses): not passed on.
const DROPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host']);

export async function startDeviatingProxy(
  target: string,
  deviations: readonly Deviation[],
): Promise<{ base: string; stop: () => Promise<void> }> {
  const server = createServer(async (request, reply) => {
    try {
      const body = await readBody(request);
      const url = new URL(request.url ?? '/', target);
      const response = await fetch(url, {
        method: request.method,
        headers: Object.entries(request.headers).flatMap(([name, value]) =>
          DROPPED.has(name) || value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
        ),
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
        redirect: 'manual',
      });
      let answer: ProxiedAnswer = {
        status: response.status,
        headers: Object.fromEntries([...response.headers].filter(([name]) => !DROPPED.has(name))),
        body: Buffer.from(await response.arrayBuffer()),
      };
      const deviation = deviations.find(
        (candidate) => candidate.method === request.method && candidate.path.test(url.pathname) && candidate.status === answer.status,
      );
      if (deviation) answer = deviation.change(answer);
      reply.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) }).end(answer.body);
    } catch (error) {
      reply.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
