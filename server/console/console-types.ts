// What the dev console's page and the emulator exchange at /_console/api/…:
// the one definition both sides compile against (the page imports types only).

/**
 * One request the gateway answered, or one attempt of an asynchronous
 * invocation (an S3 notification), as the list shows it.
 */
export interface InvocationSummary {
  /** API Gateway's request id (the apigw-requestid header); for an asynchronous attempt, `<Lambda request id>#<attempt>`. */
  id: string;
  /** The order the console recorded it in (answered, not arrived): what its memory keeps and drops by. */
  seq: number;
  /** When the request arrived, ISO 8601. */
  at: string;
  /** The HTTP method, or ASYNC_METHOD for an asynchronous invocation. */
  method: string;
  /** Path and query string as sent; for an asynchronous invocation, what sent the event (`S3 ObjectCreated:Put uploads/…`). */
  path: string;
  /** The contract route it matched (`GET /disputes/{id}`), or null when none did. */
  routeKey: string | null;
  /** Who the token says called, when the authorizer accepted one. */
  caller: { userId: string; role: string | null } | null;
  /** The status the client got; for an asynchronous attempt, 200 when the function succeeded and 500 when it failed. */
  status: number;
  durationMs: number;
  /** The function that ran, or null when the gateway answered by itself (no route, bad token, preflight). */
  functionName: string | null;
  /** Whether the function's environment started for this request; null when no function ran. */
  coldStart: boolean | null;
  /** Hybrid mode: the stage the request was forwarded to (no contract route took it), its status and time; null otherwise. */
  upstream: { url: string; status: number; durationMs: number } | null;
}

/** Everything about one request: what Lambda saw and what the gateway did. */
export interface InvocationRecord extends InvocationSummary {
  /** The HTTP request as the gateway received it. Bodies over the console's limit are cut (`bodyTruncated`). */
  request: { headers: Array<[string, string]>; body: string | null; bodyEncoding: 'utf8' | 'base64'; bodyTruncated: boolean };
  /** The API Gateway 2.0 event the function received; null when none ran. */
  event: unknown;
  /** What the function returned (or its error), as the runtime got it; null when none ran. */
  result: unknown;
  /** The gateway's response to the client. */
  response: {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
    bodyEncoding: 'utf8' | 'base64';
    bodyTruncated: boolean;
  };
  /** The function's log lines for this invocation, START to REPORT, as CloudWatch shows them. */
  logs: string[];
  /**
   * Why the gateway answered by itself or failed the integration (which token check failed, the route probably
   * meant, a timeout); for an asynchronous attempt that failed, what came of it (the retry, or the drop).
   */
  gatewayReason: string | null;
}

/** The method shown for an asynchronous invocation (Lambda's InvocationType Event). */
export const ASYNC_METHOD = 'EVENT';

export interface InvocationList {
  invocations: InvocationSummary[];
  /** How many the console keeps (--console-size); older ones are dropped. */
  capacity: number;
}

export interface ConsoleUser {
  id: number;
  name: string;
  role: string;
}

/** Copy-as output for one request or a sequence, oldest first. */
export type CopyFormat = 'curl' | 'playwright';
export interface CopyRequest {
  ids: string[];
  as: CopyFormat;
}
export interface CopyResult {
  text: string;
  /** How many of the asked-for requests it covers (those the console no longer keeps are left out). */
  count: number;
}
