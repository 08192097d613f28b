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
  /** Paths that are not the stage's: the emulator's own (console, docs, JWKS) and the served contracts' (any method). */
  isLocalPath: (path: string) => boolean;
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
      // The stage's certificate is checked (reply-from's default is not to): its tokens and cookies go there.
      // Its connections close with the emulator.
      undici: {
        headersTimeout: options.timeoutMs,
        connectTimeout: options.timeoutMs,
        bodyTimeout: 0,
        connect: { rejectUnauthorized: true },
      },
      destroyAgent: true,
    });
    // The body is not read here: it streams to the stage as it arrives.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    // Every method and path no contract route took (find-my-way prefers any static or parametric route to `*`).
    scope.all('/*', async (request, reply) => {
      const path = request.url.split('?')[0] ?? request.url;
      // A served contract's path with another method is that module's 404 (with the route it probably meant), not the stage's.
      if (options.isLocalPath(path)) return reply.callNotFound();
      if (viaTokens(request.headers).includes(via)) {
        const reason = `${request.method} ${path} came back to this emulator (its Via token): --upstream points at the emulator itself`;
        options.report(reason);
        return refuse(reply, request, options, gatewayError('GATEWAY_LOOP_DETECTED'), reason);
      }
      const started = performance.now();
      const forwardedTo = `${options.url.origin}${path}`;
      // No source: the path goes as it came and the query is appended as it came, never decoded on the way.
      return reply.from(undefined, {
        // API Gateway never retries a request (reply-from retries a GET answered 503).
        retryDelay: () => null,
        rewriteRequestHeaders: (_request, headers) => forwardedHeaders(request, headers, via),
        // The client keeps the emulator's request id (the console files the request under it).
        rewriteHeaders: (headers) => {
          const { 'apigw-requestid': _stageRequestId, ...rest } = headers;
          return rest;
        },
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
            ? `${forwardedTo} did not answer in time (--upstream-timeout ${options.timeoutMs} ms): ${why}`
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

/**
 * Hop-by-hop and per-connection headers reply-from leaves in (it drops Connection and what Connection names):
 * RFC 9110, section 7.6.1, and Expect, which the connection to the stage answers for itself.
 */
const HOP_BY_HOP = ['keep-alive', 'proxy-connection', 'te', 'upgrade', 'expect', 'proxy-authorization'];

/** The request's headers for the stage: hop-by-hop ones dropped, Host the stage's (reply-from), and where it came from. */
function forwardedHeaders(request: FastifyRequest, headers: IncomingHttpHeaders, via: string): IncomingHttpHeaders {
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.includes(name.toLowerCase())));
  const client = (request.raw.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const append = (existing: string | string[] | undefined, value: string) =>
    existing === undefined ? value : `${Array.isArray(existing) ? existing.join(', ') : existing}, ${value}`;
  return {
    ...kept,
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
