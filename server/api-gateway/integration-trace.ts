// What one request's integration did, filled in as it goes, for whoever
// watches (the dev console): the caller's claims, the event, the function and
// what it returned, its log lines, and why the gateway answered by itself.
import type { InvokeOutcome } from '../lambda/invocation.ts';
import type { GatewayResponse } from './gateway-errors.ts';

export interface IntegrationTrace {
  /** The claims the authorizer accepted. */
  claims?: Record<string, string>;
  /** The 2.0 event the function received. */
  event?: unknown;
  functionName?: string;
  coldStart?: boolean;
  outcome?: InvokeOutcome;
  /** The invocation's log lines, START to REPORT. */
  logs: string[];
  /** Why the gateway answered by itself, or failed the integration. */
  reason?: string;
}

export const newTrace = (): IntegrationTrace => ({ logs: [] });

/** A request the gateway has answered, with its trace: what an observer of the API gets. */
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
}
