// An answered request as the console keeps and shows it: summary fields for
// the live list, the whole story for the detail. Bodies are cut at a limit so
// that the ring's memory stays bounded whatever the API is sent.
import type { AnsweredRequest } from '../api-gateway/gateway-answer.ts';
import type { AsyncAttempt } from '../lambda/async-invoke.ts';
import { ASYNC_METHOD, type InvocationRecord, type InvocationSummary } from './console-types.ts';

/** Bodies are kept up to this many bytes (the API takes up to 10 MB). */
export const KEPT_BODY_BYTES = 256 * 1024;
/** Log lines kept per invocation, and characters per line: a chatty handler cannot fill the ring's memory. */
export const KEPT_LOG_LINES = 500;
export const KEPT_LOG_LINE_CHARS = 16 * 1024;

/** A record before the ring numbers it. */
export type NewInvocation = Omit<InvocationRecord, 'seq'>;

/** Which claims carry the caller's id and role (USER_ID_CLAIM, ROLE_CLAIMS as the functions read them); the defaults where unset. */
export interface CallerClaimNames {
  userId?: string;
  /** Comma-separated, tried in order. */
  roles?: string;
}

const DEFAULT_USER_ID_CLAIM = 'sub';
const DEFAULT_ROLE_CLAIMS = ['role', 'custom:role', 'cognito:groups'];

export function invocationRecord(answered: AnsweredRequest, claimNames: CallerClaimNames = {}): NewInvocation {
  const { trace, response } = answered;
  const outcome = trace.outcome;
  return {
    id: answered.requestId,
    at: new Date(answered.receivedAt).toISOString(),
    method: answered.method,
    path: answered.url,
    routeKey: answered.routeKey,
    caller: callerOf(trace.claims, claimNames),
    status: response.statusCode,
    durationMs: Math.round(answered.durationMs * 10) / 10,
    functionName: trace.functionName ?? null,
    coldStart: trace.coldStart ?? null,
    upstream: answered.forwarded
      ? { url: answered.forwarded.url, status: answered.forwarded.statusCode, durationMs: answered.forwarded.durationMs }
      : null,
    request: { headers: answered.headers.map(([name, value]) => [name, value]), ...keptBody(answered.body) },
    event: withKeptBody(trace.event ?? null),
    result:
      outcome === undefined ? null : outcome.ok ? withKeptBody(outcome.result) : { errorKind: outcome.kind, errorMessage: outcome.message },
    response: {
      statusCode: response.statusCode,
      headers: { ...response.headers, ...(response.cookies.length > 0 ? { 'set-cookie': response.cookies.join(', ') } : {}) },
      ...encoded(response.body),
    },
    logs: keptLogs(trace.logs),
    gatewayReason: trace.reason ?? null,
  };
}

/** An attempt of an asynchronous invocation: no HTTP request, no caller; the event, the outcome and the logs. */
export function asyncInvocationRecord(attempt: AsyncAttempt): NewInvocation {
  const { outcome } = attempt;
  const status = outcome.ok ? 200 : 500;
  return {
    id: `${attempt.requestId}#${attempt.attempt}`,
    at: new Date(attempt.startedAt).toISOString(),
    method: ASYNC_METHOD,
    path: `${attempt.trigger} (attempt ${attempt.attempt} of ${attempt.attempts})`,
    routeKey: null,
    caller: null,
    status,
    durationMs: Math.round(attempt.durationMs * 10) / 10,
    functionName: attempt.functionName,
    coldStart: attempt.coldStart,
    upstream: null,
    request: { headers: [], body: null, bodyEncoding: 'utf8', bodyTruncated: false },
    event: withKeptBody(attempt.event),
    result: outcome.ok ? withKeptBody(outcome.result) : { errorKind: outcome.kind, errorMessage: outcome.message },
    response: { statusCode: status, headers: {}, body: '', bodyEncoding: 'utf8', bodyTruncated: false },
    logs: keptLogs(attempt.logs),
    gatewayReason: attempt.note,
  };
}

export function summaryOf(record: InvocationRecord): InvocationSummary {
  const { id, seq, at, method, path, routeKey, caller, status, durationMs, functionName, coldStart, upstream } = record;
  return { id, seq, at, method, path, routeKey, caller, status, durationMs, functionName, coldStart, upstream };
}

/**
 * The caller by the configured claims, read as the functions read them (handlers/http/caller-claims.ts): its
 * id, and its role from the first role claim that has a value (a list claim, `[a b]` as HTTP API renders it
 * or JSON, gives its first value). What the values mean is the functions' business: the console shows them.
 */
function callerOf(claims: Record<string, string> | undefined, names: CallerClaimNames): InvocationSummary['caller'] {
  if (!claims) return null;
  const userId = claims[names.userId?.trim() || DEFAULT_USER_ID_CLAIM];
  if (userId === undefined) return null;
  const configured = (names.roles ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of configured.length > 0 ? configured : DEFAULT_ROLE_CLAIMS) {
    const value = claims[name];
    const [first] = value === undefined ? [] : listValues(value);
    if (first !== undefined) return { userId, role: first };
  }
  return { userId, role: null };
}

/** `[a b]` (HTTP API's rendering of a list claim), `["a","b"]` (JSON) or a single value, as a list. */
function listValues(value: string): string[] {
  const text = value.trim();
  const inner = /^\[(.*)\]$/s.exec(text)?.[1];
  if (inner === undefined) return text === '' ? [] : [text];
  const json = jsonArray(text);
  return json ?? inner.split(/[\s,]+/).filter((part) => part !== '');
}

function jsonArray(text: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.map(String) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A copy of the lines (an invocation the gateway gave up on may still be
 * logging into the original), the first ones and the last (REPORT) kept when
 * there are too many, each line cut at KEPT_LOG_LINE_CHARS.
 */
function keptLogs(lines: readonly string[]): string[] {
  const cut = (line: string) => (line.length > KEPT_LOG_LINE_CHARS ? `${line.slice(0, KEPT_LOG_LINE_CHARS)}… [cut]` : line);
  if (lines.length <= KEPT_LOG_LINES) return lines.map(cut);
  const tail = 20;
  return [
    ...lines.slice(0, KEPT_LOG_LINES - tail - 1).map(cut),
    `… [the console keeps ${KEPT_LOG_LINES - 1} of ${lines.length} lines]`,
    ...lines.slice(-tail).map(cut),
  ];
}

/** An event or a result with its `body` (up to 6 MB in Lambda) cut at KEPT_BODY_BYTES characters, saying so. */
function withKeptBody(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || !('body' in payload)) return payload;
  const body = (payload as { body: unknown }).body;
  if (typeof body !== 'string' || body.length <= KEPT_BODY_BYTES) return payload;
  return { ...payload, body: `${body.slice(0, KEPT_BODY_BYTES)}… [the console keeps ${KEPT_BODY_BYTES} of ${body.length} characters]` };
}

function keptBody(body: Buffer | undefined): Pick<InvocationRecord['request'], 'body' | 'bodyEncoding' | 'bodyTruncated'> {
  if (!body || body.length === 0) return { body: null, bodyEncoding: 'utf8', bodyTruncated: false };
  return encoded(body);
}

/** Text as text, anything else as base64; at most KEPT_BODY_BYTES of it. */
function encoded(body: Buffer): { body: string; bodyEncoding: 'utf8' | 'base64'; bodyTruncated: boolean } {
  const kept = body.subarray(0, KEPT_BODY_BYTES);
  const bodyTruncated = kept.length < body.length;
  let text = kept.toString('utf8');
  // A cut inside a character leaves a replacement character at the end only.
  if (bodyTruncated) text = text.replace(/\uFFFD+$/, '');
  return text.includes('\uFFFD')
    ? { body: kept.toString('base64'), bodyEncoding: 'base64', bodyTruncated }
    : { body: text, bodyEncoding: 'utf8', bodyTruncated };
}
