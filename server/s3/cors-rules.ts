// CORS as S3 evaluates a bucket's CORS configuration: the first rule whose
// AllowedOrigins (one '*' wildcard allowed), AllowedMethods and, for a
// preflight, AllowedHeaders all match decides the response headers.
// ("Configuring cross-origin resource sharing (CORS)" and "Troubleshooting
// CORS" in the Amazon S3 User Guide.)
import type { CORSRule } from '@aws-sdk/client-s3';

export const CORS_VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';

function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, ignoreCase ? 'i' : '').test(value);
}

export function matchCorsRule(
  rules: CORSRule[],
  request: { origin: string; method: string; requestHeaders?: string[] },
): CORSRule | undefined {
  return rules.find(
    (rule) =>
      (rule.AllowedOrigins ?? []).some((allowed) => wildcardMatch(allowed, request.origin, false)) &&
      (rule.AllowedMethods ?? []).includes(request.method) &&
      (request.requestHeaders ?? []).every((header) => (rule.AllowedHeaders ?? []).some((allowed) => wildcardMatch(allowed, header, true))),
  );
}

/** The Access-Control-* headers of a matched rule; `requestHeaders` only for a preflight. */
export function corsHeaders(rule: CORSRule, origin: string, requestHeaders?: string[]): Record<string, string> {
  const anyOrigin = (rule.AllowedOrigins ?? []).includes('*');
  const headers: Record<string, string> = {
    'access-control-allow-origin': anyOrigin ? '*' : origin,
    'access-control-allow-methods': (rule.AllowedMethods ?? []).join(', '),
    vary: CORS_VARY,
  };
  // A wildcard origin never comes with credentials.
  if (!anyOrigin) headers['access-control-allow-credentials'] = 'true';
  if (requestHeaders && requestHeaders.length > 0) headers['access-control-allow-headers'] = requestHeaders.join(', ');
  if (rule.ExposeHeaders && rule.ExposeHeaders.length > 0) headers['access-control-expose-headers'] = rule.ExposeHeaders.join(', ');
  if (rule.MaxAgeSeconds !== undefined) headers['access-control-max-age'] = String(rule.MaxAgeSeconds);
  return headers;
}

export function parseRequestHeaders(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((header) => header.trim().toLowerCase())
    .filter((header) => header !== '');
}
