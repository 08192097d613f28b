// One route's integration, as HTTP API runs it: authorize, build the 2.0
// event, invoke the function (30 s integration timeout), judge and map the
// result. Every outcome is a GatewayResponse, returned with what happened on
// the way (gateway-answer.ts); nothing here touches Fastify.
import type { Route } from '../../contract-core/load-contract.ts';
import type { JwtAuthorizer } from '../auth/jwt-authorizer.ts';
import type { FunctionRuntime } from '../lambda/function-runtime.ts';
import { buildEvent, type RequestSnapshot } from './build-event.ts';
import { gatewayError, type GatewayResponse } from './gateway-errors.ts';
import { mapResult } from './map-result.ts';
import { validateResult } from './validate-result.ts';
import type { IntegrationResult } from './gateway-answer.ts';

export interface IntegrationSettings {
  runtime: FunctionRuntime;
  authorizer: JwtAuthorizer | null;
  /** Lower-cased header the authorizer reads the token from. */
  identityHeader: string;
  accountId: string;
  apiId: string;
  /** HTTP API's fixed 30 s, shorter in tests; infinite (none) while a debugger may pause a function. */
  integrationTimeoutMs: number;
  /** Gateway-side problems (bad results, failures) are reported here. */
  report: (line: string) => void;
}

export interface IncomingRequest {
  snapshot: RequestSnapshot;
  pathParameters: Record<string, string>;
  requestId: string;
  traceId: string;
  now: number;
}

export async function integrateRoute(route: Route, request: IncomingRequest, settings: IntegrationSettings): Promise<IntegrationResult> {
  let authorization = null;
  if (route.authorized) {
    const identity = headerValue(request.snapshot, settings.identityHeader);
    const verdict = settings.authorizer
      ? await settings.authorizer.authorize(identity, route.scopes, request.now)
      : { ok: false as const, code: 'GATEWAY_UNAUTHORIZED' as const, wwwAuthenticate: 'Bearer' };
    if (!verdict.ok) {
      return {
        response: gatewayError(verdict.code, { 'www-authenticate': verdict.wwwAuthenticate }),
        reason: authorizerReason(verdict.wwwAuthenticate),
      };
    }
    authorization = { claims: verdict.claims, scopes: verdict.scopes };
  }
  const claims = authorization ? { claims: authorization.claims } : {};

  const event = buildEvent({
    request: request.snapshot,
    routeKey: route.routeKey,
    pathParameters: request.pathParameters,
    accountId: settings.accountId,
    apiId: settings.apiId,
    requestId: request.requestId,
    traceId: request.traceId,
    now: request.now,
    authorization,
  });

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'integration-timeout'>((resolve) => {
    if (Number.isFinite(settings.integrationTimeoutMs))
      timer = setTimeout(() => resolve('integration-timeout'), settings.integrationTimeoutMs);
  });
  const invoked = { ...claims, event, functionName: route.lambda.functionName };
  const outcome = await Promise.race([settings.runtime.invoke(route.lambda.functionName, event, { traceId: request.traceId }), timedOut]);
  clearTimeout(timer);

  // Reported on stderr, once, and returned with the answer: the problem the client only sees as a 5xx.
  const problem = (response: GatewayResponse, line: string, more: Partial<IntegrationResult> = {}): IntegrationResult => {
    settings.report(`${route.routeKey} ${request.requestId}: ${line}`);
    return { ...invoked, ...more, response, reason: line };
  };
  if (outcome === 'integration-timeout') {
    return problem(gatewayError('GATEWAY_SERVICE_UNAVAILABLE'), `integration timed out after ${settings.integrationTimeoutMs} ms`);
  }
  if (!outcome.ok) {
    return problem(
      gatewayError(outcome.kind === 'request-too-large' ? 'GATEWAY_PAYLOAD_TOO_LARGE' : 'GATEWAY_INTERNAL_ERROR'),
      `${outcome.kind}: ${outcome.message}`,
      { outcome },
    );
  }
  const verdict = validateResult(outcome.result);
  if (!verdict.ok) {
    return problem(gatewayError('GATEWAY_INTERNAL_ERROR'), `malformed Lambda proxy response: ${verdict.reason}`, { outcome });
  }
  return { ...invoked, outcome, response: mapResult(outcome.result, verdict) };
}

/** The authorizer's refusal in words: the check that failed, from its WWW-Authenticate error_description. */
function authorizerReason(wwwAuthenticate: string): string {
  const description = /error_description="([^"]*)"/.exec(wwwAuthenticate)?.[1];
  return `JWT authorizer: ${description ?? 'no token verifier is configured'}`;
}

function headerValue(snapshot: RequestSnapshot, name: string): string | undefined {
  const values = snapshot.headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);
  return values.length > 0 ? values.join(',') : undefined;
}
