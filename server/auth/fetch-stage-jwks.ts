// Fetches a stage issuer's keys as API Gateway finds them: the issuer's
// OpenID discovery document (`<issuer>/.well-known/openid-configuration`)
// names its jwks_uri, unless a JWKS URL is given. get-jwks does the discovery;
// it fetches keys one kid at a time, so the whole set is fetched here, to be
// kept on disk.
import buildGetJwks from 'get-jwks';
import type { Jwks } from './local-keys.ts';
import { parseJwks } from './parse-jwks.ts';

const FETCH_TIMEOUT_MS = 5000;

export interface FetchedJwks {
  jwksUrl: string;
  jwks: Jwks;
}

/** The issuer's keys; throws an Error that says which step failed and why. */
export async function fetchStageJwks(issuer: string, jwksUrl?: string): Promise<FetchedJwks> {
  const url = jwksUrl ?? (await discoverJwksUrl(issuer));
  let body: unknown;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new Error(`the keys at ${url}: ${reason(error)}`);
  }
  try {
    return { jwksUrl: url, jwks: parseJwks(body) };
  } catch (error) {
    throw new Error(`the keys at ${url}: ${reason(error)}`);
  }
}

async function discoverJwksUrl(issuer: string): Promise<string> {
  // A fresh instance per fetch: its timeout signal is good for one.
  const getJwks = buildGetJwks({ providerDiscovery: true, fetchOptions: { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) } });
  const discovery = `${issuer.replace(/\/?$/, '/')}.well-known/openid-configuration`;
  try {
    const url = await getJwks.getJwksUri(issuer.replace(/\/?$/, '/'));
    return new URL(url).href;
  } catch (error) {
    throw new Error(`the issuer's discovery document ${discovery}: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch's "fetch failed" hides the cause that says it (ECONNREFUSED, ENOTFOUND).
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  if (error.name === 'SyntaxError') return `not JSON (${error.message})`;
  return `${error.message}${cause}`;
}
