// Builds the emulator's HTTP server from a config: the routes of every
// contract it serves (each module's, on one origin), each behind the API
// Gateway integration with its own module's authorizer and CORS, and in
// hybrid mode (--upstream) a way to the stage for whatever else comes. Bodies
// stay raw bytes (API Gateway does not parse them). `main.ts` is the one that
// listens.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Contract, Route } from '../contract-core/load-contract.ts';
import { probableRoute, routeOnPath } from './api-gateway/probable-route.ts';
import { registerUpstream } from './api-gateway/upstream.ts';
import { isDocsPath } from './docs-page.ts';
import type { Jwks } from './auth/local-keys.ts';
import { createJwtAuthorizer, type TrustedIssuer } from './auth/jwt-authorizer.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from './auth/local-issuer.ts';
import type { FunctionRuntime } from './lambda/function-runtime.ts';
import { type CorsConfiguration, isCorsHeader, isPreflight, preflightHeaders, responseCorsHeaders } from './api-gateway/cors.ts';
import { gatewayError, type GatewayResponse } from './api-gateway/gateway-errors.ts';
import { integrateRoute, type IntegrationSettings } from './api-gateway/integrate-route.ts';
import { newGatewayRequestId, newTraceId } from './api-gateway/request-ids.ts';
import type { GatewayAnswer } from './api-gateway/gateway-answer.ts';
import { LOCAL_ACCOUNT_ID } from './local-aws.ts';

/** One API served: a module's contract, and the CORS configuration its deployed API has (none without one). */
export interface ServedApi {
  contract: Contract;
  cors?: CorsConfiguration;
}

export interface AppConfig {
  /** The APIs on this origin; their routes never overlap (contract-core/module-conflicts.ts). */
  apis: readonly ServedApi[];
  runtime: FunctionRuntime;
  /** The local issuer's keys the JWT authorizer trusts; also served at /.well-known/jwks.json. */
  jwks: Jwks;
  /** A stage issuer's keys: they verify the contracts' issuer, and local tokens are accepted beside (hybrid mode). */
  stageKeys?: TrustedIssuer['jwks'];
  accountId?: string;
  apiId?: string;
  integrationTimeoutMs?: number;
  /** Fastify request logging; off by default (function logs are the useful ones). */
  logger?: boolean;
  /** Gateway-side problems; stderr by default. */
  report?: (line: string) => void;
  clock?: () => number;
  /** Hybrid mode: where a request no contract route takes goes (a deployed stage); without it, API Gateway's 404. */
  upstream?: { url: URL; timeoutMs: number };
}

// HTTP API's request payload quota.
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
const INTEGRATION_TIMEOUT_MS = 30_000;
/** The dev console's own requests are not the API's, and not observed. */
export const CONSOLE_PREFIX = '/_console';
const JWKS_PATH = '/.well-known/jwks.json';

/** The emulator's own pages (the console, the docs, the contract, the JWKS): never an API route, never forwarded. */
export const isEmulatorPath = (path: string): boolean =>
  path === CONSOLE_PREFIX || path.startsWith(`${CONSOLE_PREFIX}/`) || isDocsPath(path) || path === JWKS_PATH;

declare module 'fastify' {
  interface FastifyRequest {
    apigwRequestId: string;
    /** The X-Ray trace header the function is invoked with (the runtime's observers tell invocations apart by it). */
    apigwTraceId: string;
    /** Arrival, ms since the epoch. */
    apigwReceivedAt: number;
    /** What the gateway answered and why, set once where it answers; null for what is not the API's (/docs, the console). */
    apigwAnswer: GatewayAnswer | null;
  }
}

export function buildApp(config: AppConfig): FastifyInstance {
  const clock = config.clock ?? Date.now;
  const app = Fastify({
    logger: config.logger ?? false,
    bodyLimit: MAX_REQUEST_BYTES,
    exposeHeadRoutes: false,
    routerOptions: { maxParamLength: 8192 },
    // A forwarded answer the stage keeps open (a long poll) must not hold the emulator's stop.
    ...(config.upstream ? { forceCloseConnections: true } : {}),
  });
  const report = config.report ?? ((line: string) => process.stderr.write(`[api-gateway] ${line}\n`));
  /** The route's own issuer (the contract's); with a stage's keys, the local issuer too. */
  const trustedIssuers = ({ issuer, audience }: { issuer: string; audience: string[] }): TrustedIssuer[] =>
    config.stageKeys
      ? [
          { issuer, audience, jwks: config.stageKeys },
          { issuer: LOCAL_ISSUER, audience: [LOCAL_AUDIENCE], jwks: config.jwks },
        ]
      : [{ issuer, audience, jwks: config.jwks }];
  /** Each API's integration settings: its own authorizer (issuer, audience), the rest shared. */
  const settingsOf = ({ contract }: ServedApi): IntegrationSettings => {
    const authorizer = contract.authorizer;
    return {
      runtime: config.runtime,
      authorizer: authorizer ? createJwtAuthorizer({ issuers: trustedIssuers(authorizer) }) : null,
      identityHeader: authorizer?.identityHeader ?? 'authorization',
      accountId: config.accountId ?? LOCAL_ACCOUNT_ID,
      apiId: config.apiId ?? 'localapi01',
      integrationTimeoutMs: config.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS,
      report,
    };
  };
  const allRoutes = config.apis.flatMap((api) => api.contract.routes);
  /**
   * The CORS configuration a preflight to this path gets: the one of the API with a route on the path (none
   * when that API has none: it is a separate API on a stage), else, as an HTTP API answers preflights on any
   * path, the first configured one.
   */
  const preflightCors = (requestPath: string): CorsConfiguration | undefined => {
    const owner = config.apis.find((api) => routeOnPath(api.contract.routes, requestPath));
    return owner ? owner.cors : config.apis.find((api) => api.cors)?.cors;
  };

  // Any content type, as bytes: the function gets the body exactly as sent.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  /** Keeps what the gateway answered on the request, once (sending can fail afterwards and the error handler answer again). */
  const answered = (request: FastifyRequest, answer: GatewayAnswer): void => {
    request.apigwAnswer ??= answer;
  };

  app.decorateRequest('apigwRequestId', '');
  app.decorateRequest('apigwTraceId', '');
  app.decorateRequest('apigwReceivedAt', 0);
  app.decorateRequest('apigwAnswer', null);
  app.addHook('onRequest', async (request, reply) => {
    request.apigwRequestId = newGatewayRequestId();
    request.apigwReceivedAt = clock();
    request.apigwTraceId = newTraceId(request.apigwReceivedAt);
    const emulatorPage = request.url.startsWith(CONSOLE_PREFIX);
    reply.header('apigw-requestid', request.apigwRequestId);
    // A preflight is the gateway's to answer, on any API path, before any authorizer or function (the console is no API path).
    const cors = !emulatorPage && isPreflight(request.method, request.headers) ? preflightCors(request.url.split('?')[0]!) : undefined;
    if (cors) {
      const headers = preflightHeaders(cors, String(request.headers['origin']));
      answered(request, {
        routeKey: null,
        response: { statusCode: 204, headers, cookies: [], body: Buffer.alloc(0) },
        reason: 'CORS preflight, answered by the gateway',
      });
      return reply.code(204).headers(headers).send();
    }
  });

  app.get(JWKS_PATH, async () => config.jwks);
  if (config.upstream) {
    registerUpstream(app, {
      ...config.upstream,
      isLocalPath: (path) => isEmulatorPath(path) || routeOnPath(allRoutes, path) !== undefined,
      answered,
      report,
    });
  }

  for (const api of config.apis) {
    const settings = settingsOf(api);
    for (const route of api.contract.routes) registerRoute(api, route, settings);
  }

  function registerRoute(api: ServedApi, route: Route, settings: IntegrationSettings): void {
    app.route({
      method: route.method,
      url: route.fastifyPath,
      handler: async (request, reply) => {
        const now = clock();
        const params = { ...(request.params as Record<string, string>) };
        if (route.greedyParameter && '*' in params) {
          params[route.greedyParameter] = params['*'] ?? '';
          delete params['*'];
        }
        const raw = request.raw;
        const headers = headerPairs(raw.rawHeaders);
        const result = await integrateRoute(
          route,
          {
            snapshot: {
              method: raw.method ?? route.method,
              url: raw.url ?? request.url,
              headers,
              ...(Buffer.isBuffer(request.body) ? { body: request.body } : {}),
              sourceIp: (raw.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
              protocol: `HTTP/${raw.httpVersion}`,
            },
            pathParameters: params,
            requestId: request.apigwRequestId,
            traceId: request.apigwTraceId,
            now,
          },
          settings,
        );
        answered(request, { routeKey: route.routeKey, ...result });
        return send(reply, result.response, corsFor(api.cors, request.headers['origin']));
      },
    });
  }

  /** With CORS configured, the headers for a response to this Origin (none without one); undefined without CORS. */
  function corsFor(cors: CorsConfiguration | undefined, origin: string | string[] | undefined): Record<string, string> | undefined {
    if (!cors) return undefined;
    return typeof origin === 'string' ? responseCorsHeaders(cors, origin) : {};
  }

  app.setNotFoundHandler(async (request, reply) => {
    // The client gets API Gateway's own 404; the log says which contract route was probably meant.
    const requestPath = request.url.split('?')[0] ?? request.url;
    const meant = probableRoute(allRoutes, request.method, requestPath);
    const reason = `404 for ${request.method} ${requestPath}: no such route${meant ? `; the contract has ${meant.routeKey}` : ''}`;
    report(reason);
    const response = gatewayError('GATEWAY_NOT_FOUND');
    answered(request, { routeKey: null, response, reason });
    return send(reply, response);
  });
  app.setErrorHandler(async (error: { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const response = gatewayError('GATEWAY_PAYLOAD_TOO_LARGE');
      answered(request, {
        routeKey: null,
        response,
        reason: `the body is over HTTP API's ${MAX_REQUEST_BYTES / 1024 / 1024} MB payload quota`,
      });
      return send(reply, response);
    }
    const reason = `unexpected error: ${String((error as Error).message ?? error)}`;
    report(reason);
    const response = gatewayError('GATEWAY_INTERNAL_ERROR');
    answered(request, { routeKey: null, response, reason });
    return send(reply, response);
  });

  return app;
}

/** Node's flat rawHeaders as name-value pairs, repeats and case as received. */
export function headerPairs(rawHeaders: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);
  return pairs;
}

/** Sends a response; with `cors`, the integration's own CORS headers give way to the configured ones. */
function send(reply: FastifyReply, response: GatewayResponse, cors?: Record<string, string>): FastifyReply {
  reply.code(response.statusCode);
  for (const [name, value] of Object.entries(response.headers)) {
    if (name !== 'apigw-requestid' && !(cors && isCorsHeader(name))) reply.header(name, value);
  }
  if (cors) reply.headers(cors);
  if (response.cookies.length > 0) reply.header('set-cookie', response.cookies);
  return reply.send(response.body);
}
