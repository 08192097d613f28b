// HTTP API's CORS, from the configuration Terraform imports too
// (infra/api-cors.json, the `x-amazon-apigateway-cors` of the deployed API).
// As the HTTP API developer guide ("Configure CORS for HTTP APIs") says:
// "API Gateway automatically sends a response to preflight OPTIONS requests,
// even if there isn't an OPTIONS route configured for your API. For a CORS
// request, API Gateway adds the configured CORS headers to the response from
// an integration", and "ignores CORS headers returned from your backend
// integration". Headers are returned only to a request with an Origin header;
// a preflight also needs Access-Control-Request-Method.
import { readFileSync } from 'node:fs';

export interface CorsConfiguration {
  /** `*`, exact origins, or `https://*` / `http://*` for any origin of that scheme. */
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders?: string[];
  maxAge?: number;
  allowCredentials?: boolean;
}

export function loadCorsConfiguration(file: string | URL): CorsConfiguration {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CorsConfiguration>;
  for (const list of ['allowOrigins', 'allowMethods', 'allowHeaders'] as const) {
    if (!Array.isArray(parsed[list])) throw new Error(`${String(file)}: ${list} must be a list`);
  }
  return parsed as CorsConfiguration;
}

/** The Access-Control-Allow-Origin value for this origin, or undefined when it is not allowed. */
function allowedOrigin(config: CorsConfiguration, origin: string): string | undefined {
  for (const allowed of config.allowOrigins) {
    if (allowed === '*') return config.allowCredentials ? origin : '*';
    if (allowed === origin) return origin;
    if (allowed.endsWith('://*') && origin.startsWith(allowed.slice(0, -1))) return origin;
  }
  return undefined;
}

export const isPreflight = (method: string, headers: Record<string, unknown>): boolean =>
  method === 'OPTIONS' && typeof headers['origin'] === 'string' && typeof headers['access-control-request-method'] === 'string';

/** The gateway's answer to a preflight: 204 with the configured headers (none for an origin not allowed). */
export function preflightHeaders(config: CorsConfiguration, origin: string): Record<string, string> {
  const allowOrigin = allowedOrigin(config, origin);
  if (!allowOrigin) return {};
  return {
    'access-control-allow-origin': allowOrigin,
    'access-control-allow-methods': config.allowMethods.join(','),
    'access-control-allow-headers': config.allowHeaders.join(','),
    ...(config.maxAge === undefined ? {} : { 'access-control-max-age': String(config.maxAge) }),
    ...(config.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
    ...(allowOrigin === '*' ? {} : { vary: 'Origin' }),
  };
}

/** The CORS headers an integration's response to this origin carries (its own are dropped). */
export function responseCorsHeaders(config: CorsConfiguration, origin: string): Record<string, string> {
  const allowOrigin = allowedOrigin(config, origin);
  if (!allowOrigin) return {};
  return {
    'access-control-allow-origin': allowOrigin,
    ...(config.exposeHeaders?.length ? { 'access-control-expose-headers': config.exposeHeaders.join(',') } : {}),
    ...(config.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
    ...(allowOrigin === '*' ? {} : { vary: 'Origin' }),
  };
}

export const isCorsHeader = (name: string): boolean => name.toLowerCase().startsWith('access-control-');
