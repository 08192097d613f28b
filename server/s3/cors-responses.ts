// CORS at the front, from the bucket's stored CORS configuration: a preflight
// (OPTIONS, unauthenticated in S3) is answered here; an actual request from a
// browser origin gets the matched rule's headers added to its response.
// s3rver's own answers differ from S3's (it sends '*' for any origin and a
// wildcard-origin response with Allow-Credentials), so they are replaced.
import { corsHeaders, matchCorsRule, parseRequestHeaders } from './cors-rules.ts';
import type { RequestTarget } from './request-target.ts';
import { S3Error } from './s3-error.ts';
import type { S3rverBackend } from './s3rver-backend.ts';

/** The headers of a successful preflight; throws the S3Error S3 sends otherwise. */
export async function preflightHeaders(target: RequestTarget, backend: S3rverBackend): Promise<Record<string, string>> {
  const origin = target.headers['origin'];
  const method = target.headers['access-control-request-method'];
  if (!origin) throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.');
  if (!method) throw new S3Error('BadRequest', 'Invalid Access-Control-Request-Method: null');
  const rules = target.bucket ? await backend.corsRules(target.bucket) : undefined;
  if (!rules) throw new S3Error('AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.');
  const requestHeaders = parseRequestHeaders(target.headers['access-control-request-headers']);
  const rule = matchCorsRule(rules, { origin, method, requestHeaders });
  if (!rule) {
    throw new S3Error(
      'AccessForbidden',
      'CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / ' +
        "Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
      { Method: method, ResourceType: target.key ? 'OBJECT' : 'BUCKET' },
    );
  }
  return corsHeaders(rule, origin, requestHeaders);
}

/** The CORS headers for an actual request's response (none when no rule matches). */
export async function actualRequestCorsHeaders(target: RequestTarget, backend: S3rverBackend): Promise<Record<string, string>> {
  const origin = target.headers['origin'];
  if (!origin || !target.bucket) return {};
  const rules = await backend.corsRules(target.bucket).catch(() => undefined);
  const rule = rules ? matchCorsRule(rules, { origin, method: target.method }) : undefined;
  return rule ? corsHeaders(rule, origin) : {};
}
