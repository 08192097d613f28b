// Turns a typed route function into a Lambda handler for an HTTP API (payload
// 2.0) with a JWT authorizer: resolves the caller, parses the request against
// the operation's definition, honours Idempotency-Key on POST, answers
// HttpProblems and the domain's refusals (DomainError) as problem+json, and lets anything else fail the invocation
// (API Gateway then answers 500) after logging it.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Caller } from '../domain/dispute.ts';
import { DomainError } from '../domain/dispute-errors.ts';
import type { ParsedRequest, RequestDefinition } from '../requests/request-definition.ts';
import { parseRequest } from './parse-request.ts';
import { callerFromClaims, type ClaimNames } from './caller-claims.ts';
import { idempotent, type IdempotencyDependencies } from './idempotency.ts';
import { ForbiddenProblem, HttpProblem } from '../problems/problem.ts';
import { problemFor } from './domain-problem.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpHandler = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface RouteInput<Request> {
  event: HttpEvent;
  context: Context;
  caller: Caller;
  /** The event's path, query, headers and body, valid against the operation's definition. */
  request: Request;
}

/** A JSON body and its status; `withHttp` serialises it. */
export interface RouteResult {
  status: number;
  body: unknown;
}

/**
 * `deps` are the function's, made once at cold start: its clock and, for POST
 * routes, the idempotency store; `definition` is the operation's request.
 */
export function withHttp<D extends RequestDefinition>(
  deps: IdempotencyDependencies & { claimNames?: ClaimNames },
  definition: D,
  route: (input: RouteInput<ParsedRequest<D>>) => Promise<RouteResult>,
): HttpHandler {
  return async (event, context) => {
    try {
      const caller = callerFromClaims(event.requestContext?.authorizer?.jwt?.claims, deps.claimNames);
      if (!caller) throw new ForbiddenProblem('The token carries no numeric sub or known role');
      // The whole request, Idempotency-Key included, is checked before anything
      // runs: a request that is not valid does no work and leaves no record.
      const request = await parseRequest(event, definition);
      // The route's problems are answers too: an Idempotency-Key replays them like any other.
      return await idempotent(deps, event, context, caller, async () => {
        try {
          const result = await route({ event, context, caller, request });
          return jsonResponse(result.status, result.body);
        } catch (error) {
          const problem = problemOf(error);
          if (problem) return problemResponse(problem);
          throw error;
        }
      });
    } catch (error) {
      const problem = problemOf(error);
      if (problem) return problemResponse(problem);
      logFailure(error, event, context);
      throw error;
    }
  };
}

/** The problem an error answers with; undefined for a failure (500). */
function problemOf(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (error instanceof DomainError) return problemFor(error);
  return undefined;
}

function logFailure(error: unknown, event: HttpEvent, context: Context): void {
  const detail = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  console.error(
    JSON.stringify({
      level: 'ERROR',
      message: 'Unhandled error',
      routeKey: event.routeKey,
      requestId: context.awsRequestId,
      error: detail,
    }),
  );
}

function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function problemResponse(problem: HttpProblem): APIGatewayProxyStructuredResultV2 {
  return { statusCode: problem.status, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(problem.toJSON()) };
}
