// What the gateway did with one request, as data: the response, and what
// happened inside (the caller's claims, the event, the function and its
// outcome, why the gateway answered by itself). The route's integration
// returns it and the gateway keeps it on the request (request.apigwAnswer),
// once, for whoever watches through hooks (the dev console's recorder).
import type { InvokeOutcome } from '../lambda/invocation.ts';
import type { GatewayResponse } from './gateway-errors.ts';

export interface IntegrationResult {
  response: GatewayResponse;
  /** The claims the authorizer accepted. */
  claims?: Record<string, string>;
  /** The 2.0 event the function received. */
  event?: unknown;
  functionName?: string;
  outcome?: InvokeOutcome;
  /** Why the gateway answered by itself, or failed the integration. */
  reason?: string;
}

export interface GatewayAnswer extends IntegrationResult {
  /** The contract route matched, or null. */
  routeKey: string | null;
  /** Hybrid mode: the stage it was forwarded to, and what the stage answered. */
  forwarded?: { url: string; statusCode: number; durationMs: number };
}

/** What an observer of one invocation adds: whether the start was cold, the log lines START to REPORT. */
export interface IntegrationTrace extends Omit<IntegrationResult, 'response'> {
  coldStart?: boolean;
  logs: string[];
}

/** A request the gateway has answered, with its trace: what the console records. */
export interface AnsweredRequest {
  requestId: string;
  /** Arrival, ms since the epoch. */
  receivedAt: number;
  durationMs: number;
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  /** The contract route matched, or null. */
  routeKey: string | null;
  response: GatewayResponse;
  trace: IntegrationTrace;
  forwarded?: GatewayAnswer['forwarded'];
}
