// A deployed stage's stand-in for the hybrid-mode tests (nothing reaches the
// network): the marketplace's other modules as the mobile app calls them
// (`GET /projects/my`, `POST /auth/refresh` with its cookies), a slow route, a
// byte echo, a route that answers no HTTP at all, and what it saw of each
// request. On 127.0.0.1, a free port.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FakeStage {
  url: string;
  /** Every request it got, in order. */
  seen: SeenRequest[];
  /** How many answers of the slow route it has sent. */
  slowAnswers(): number;
  stop(): Promise<void>;
}

/** The caller's projects as the stage's projects module lists them: the seed's project 123, which the local table has too. */
export const STAGE_PROJECTS = [{ id: 123, title: 'Kitchen renovation', client_id: 1, master_id: 2 }];

export async function startFakeStage(options: { slowMs?: number } = {}): Promise<FakeStage> {
  const seen: SeenRequest[] = [];
  let slowAnswers = 0;
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/projects/my') {
      response.writeHead(200, { 'content-type': 'application/json', 'x-stage': 'projects' });
      response.end(JSON.stringify({ results: STAGE_PROJECTS, count: STAGE_PROJECTS.length }));
    } else if (request.method === 'POST' && path === '/auth/refresh') {
      request.resume();
      response.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': ['session=abc; Path=/; HttpOnly', 'refresh=def; Path=/auth; Secure'],
      });
      response.end('{"access":"new-token"}');
    } else if (path === '/echo') {
      // The body streams back as it comes, with the request's content type.
      response.writeHead(200, { 'content-type': request.headers['content-type'] ?? 'application/octet-stream' });
      request.pipe(response);
    } else if (path === '/gzipped') {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      response.end(Buffer.from('not really gzip, but passed on as it is'));
    } else if (path === '/unavailable') {
      response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
      response.end('{"message":"Service Unavailable"}');
    } else if (path === '/with-request-id') {
      response.writeHead(200, { 'content-type': 'text/plain', 'apigw-requestid': 'stage-request-id' });
      response.end('ok');
    } else if (path === '/slow') {
      const timer = setTimeout(() => {
        slowAnswers += 1;
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('late');
      }, options.slowMs ?? 2_000);
      response.on('close', () => clearTimeout(timer));
    } else if (path === '/garbage') {
      // No HTTP at all: what a misconfigured port answers.
      request.socket.end('SSH-2.0-OpenSSH_9.6\r\n');
    } else {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"message":"Not Found"}');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    slowAnswers: () => slowAnswers,
    // Once, however often it is asked.
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })),
  };
}
