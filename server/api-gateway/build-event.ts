// Request snapshot → HTTP API payload format 2.0 event. Pure: the clock, the
// ids and the authorizer's verdict are inputs, so the same inputs always give
// the same event. Absent fields are left out, never set to null.
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

export interface RequestSnapshot {
  method: string;
  /** Path and query exactly as received on the request line. */
  url: string;
  /** Header pairs as received, repeats included (Node's rawHeaders, paired). */
  headers: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  sourceIp: string;
  /** e.g. `HTTP/1.1`. */
  protocol: string;
}

export interface JwtAuthorization {
  claims: Record<string, string>;
  scopes: string[] | null;
}

export interface EventInputs {
  request: RequestSnapshot;
  routeKey: string;
  /** Already decoded; empty when the route has none. */
  pathParameters: Record<string, string>;
  accountId: string;
  apiId: string;
  requestId: string;
  traceId: string;
  /** Epoch milliseconds of arrival. */
  now: number;
  authorization: JwtAuthorization | null;
}

export type HttpApiEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

const TEXT_TYPES = [/^text\//, /^application\/(.+\+)?json$/, /^application\/(.+\+)?xml$/, /^application\/(x-)?javascript$/];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function buildEvent(inputs: EventInputs): HttpApiEvent {
  const { request } = inputs;
  const queryAt = request.url.indexOf('?');
  const rawPath = deliveredPath(queryAt === -1 ? request.url : request.url.slice(0, queryAt));
  const rawQueryString = queryAt === -1 ? '' : request.url.slice(queryAt + 1);

  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of request.headers) {
    const key = name.toLowerCase();
    if (key === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
      continue;
    }
    headers[key] = key in headers ? `${headers[key]},${value}` : value;
  }
  const host = headers['host'] ?? 'localhost';
  headers['x-amzn-trace-id'] = inputs.traceId;
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= /:(\d+)$/.exec(host)?.[1] ?? '80';

  const query = parseQuery(rawQueryString);
  const body = request.body && request.body.length > 0 ? request.body : undefined;
  const isText = body !== undefined && isTextType(headers['content-type']);

  const requestContext = {
    accountId: inputs.accountId,
    apiId: inputs.apiId,
    ...(inputs.authorization ? { authorizer: { jwt: { claims: inputs.authorization.claims, scopes: inputs.authorization.scopes } } } : {}),
    domainName: host,
    domainPrefix: host.split('.')[0] ?? host,
    http: {
      method: request.method,
      path: rawPath,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: inputs.requestId,
    routeKey: inputs.routeKey,
    stage: '$default',
    time: formatRequestTime(inputs.now),
    timeEpoch: inputs.now,
  };

  return {
    version: '2.0',
    routeKey: inputs.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext,
    ...(Object.keys(inputs.pathParameters).length > 0 ? { pathParameters: inputs.pathParameters } : {}),
    ...(body ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body !== undefined && !isText,
  } as HttpApiEvent;
}

/**
 * The path as HTTP APIs hand it to the function: percent-decoded (`%20` is a
 * space), and cut at a decoded `?`. Live captures (hotsock/voker#8, as read in
 * middleapi/standard-server#93) show HTTP API decoding `rawPath` and
 * `requestContext.http.path`, where REST APIs and function URLs keep the encoding.
 */
export function deliveredPath(path: string): string {
  const decoded = decode(path);
  const question = decoded.indexOf('?');
  return question === -1 ? decoded : decoded.slice(0, question);
}

/** `26/Nov/2026:14:32:37 +0000`, the CLF-style time HTTP API puts in requestContext. */
export function formatRequestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
}

function isTextType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return TEXT_TYPES.some((pattern) => pattern.test(mime));
}

// Repeated names are comma-joined, as HTTP API does; `+` is left as sent.
function parseQuery(raw: string): Record<string, string> | undefined {
  if (raw === '') return undefined;
  const params: Record<string, string> = {};
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decode(at === -1 ? pair : pair.slice(0, at));
    const value = decode(at === -1 ? '' : pair.slice(at + 1));
    params[name] = name in params ? `${params[name]},${value}` : value;
  }
  return Object.keys(params).length > 0 ? params : undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
