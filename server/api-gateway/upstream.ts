// Hybrid mode: a request whose method and path match no route of any served
// contract goes to a deployed stage (`--upstream`), as SST's live mode serves
// the module under development locally and the rest from the stage. Method,
// path, query, headers (hop-by-hop ones dropped, Host the stage's,
// X-Forwarded-* and Via added) and the body stream there; the stage's status,
// headers and body stream back as they come (@fastify/reply-from does the
// proxying). The emulator's own pages are never forwarded, and a request that
// has been through this emulator before (its Via token) is a loop, refused.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayAnswer } from './gateway-answer.ts';
import { gatewayError, type GatewayResponse } from './gateway-errors.ts';

export interface UpstreamOptions {
  /** The stage's base URL: its origin (a path would be dropped). */
  url: URL;
  /** No answer (headers) within this long: 504. HTTP API's integration timeout, 30 s. */
  timeoutMs: number;
  /** The emulator's own paths, never forwarded (the console, the docs, the JWKS). */
  isEmulatorPath: (path: string) => boolean;
  /** Keeps what the gateway answered on the request (the console records it). */
  answered: (request: FastifyRequest, answer: GatewayAnswer) => void;
  report: (line: string) => void;
}

/** The Via pseudonym of one emulator process: a request carrying it has come back (RFC 9110, section 7.6.3). */
const newViaToken = (): string => `api-emulator-${randomBytes(6).toString('hex')}`;

export function registerUpstream(app: FastifyInstance, options: UpstreamOptions): void {
  const via = newViaToken();
  app.register(async (scope) => {
    await scope.register(replyFrom, {
      base: options.url.origin,
      disableRequestLogging: true,
      undici: { headersTimeout: options.timeoutMs, bodyTimeout: 0 },
    });
    // The body is not read here: it streams to the stage as it arrives.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    // Every method and path no contract route took (find-my-way prefers any static or parametric route to `*`).
    scope.all('/*', async (request, reply) => {
      const path = request.url.split('?')[0] ?? request.url;
      if (options.isEmulatorPath(path)) return reply.callNotFound();
      if (viaTokens(request.headers).includes(via)) {
        const reason = `${request.method} ${path} came back to this emulator (its Via token): --upstream points at the emulator itself`;
        options.report(reason);
        return refuse(reply, request, options, gatewayError('GATEWAY_LOOP_DETECTED'), reason);
      }
      const started = performance.now();
      const forwardedTo = `${options.url.origin}${path}`;
      return reply.from(request.url, {
        rewriteRequestHeaders: (_request, headers) => forwardedHeaders(request, headers, via),
        // The stage's status and headers are on the reply by now; its body streams on.
        onResponse: (_request, replyToClient, upstream) => {
          const durationMs = Math.round(performance.now() - started);
          const statusCode = replyToClient.statusCode;
          options.answered(request, {
            routeKey: null,
            response: { statusCode, headers: flatHeaders(replyToClient.getHeaders()), cookies: [], body: Buffer.alloc(0) },
            reason: `forwarded to ${forwardedTo}: ${statusCode} in ${durationMs} ms`,
            forwarded: { url: forwardedTo, statusCode, durationMs },
          });
          replyToClient.send(upstream.stream);
        },
        onError: (replyToClient, { error }) => {
          const timedOut = (error as { statusCode?: number }).statusCode === 504;
          const why = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
          const reason = timedOut
            ? `${forwardedTo} did not answer within ${options.timeoutMs} ms`
            : `${forwardedTo} could not be reached or answered no HTTP: ${why}`;
          options.report(reason);
          void refuse(
            replyToClient as unknown as FastifyReply,
            request,
            options,
            gatewayError(timedOut ? 'GATEWAY_TIMEOUT' : 'GATEWAY_BAD_GATEWAY'),
            reason,
          );
        },
      });
    });
  });
}

function refuse(reply: FastifyReply, request: FastifyRequest, options: UpstreamOptions, response: GatewayResponse, reason: string) {
  options.answered(request, { routeKey: null, response, reason });
  return reply.code(response.statusCode).headers(response.headers).send(response.body);
}

/** The request's headers for the stage: reply-from has dropped the hop-by-hop ones and set Host; these say where it came from. */
function forwardedHeaders(request: FastifyRequest, headers: IncomingHttpHeaders, via: string): IncomingHttpHeaders {
  const client = (request.raw.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const append = (existing: string | string[] | undefined, value: string) =>
    existing === undefined ? value : `${Array.isArray(existing) ? existing.join(', ') : existing}, ${value}`;
  return {
    ...headers,
    'x-forwarded-for': append(request.headers['x-forwarded-for'], client),
    'x-forwarded-proto': request.headers['x-forwarded-proto'] ?? request.protocol,
    'x-forwarded-host': request.headers['x-forwarded-host'] ?? request.headers.host ?? '',
    via: append(request.headers.via, `${request.raw.httpVersion} ${via}`),
  };
}

function viaTokens(headers: IncomingHttpHeaders): string[] {
  const via = headers.via;
  if (via === undefined) return [];
  return (Array.isArray(via) ? via : [via]).flatMap((value: string) =>
    value.split(',').map((hop: string) => hop.trim().split(/\s+/)[1] ?? ''),
  );
}

/** The stage's headers as the console shows them (several set-cookie values joined for display only). */
function flatHeaders(headers: Record<string, number | string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : String(value)]],
    ),
  );
}
