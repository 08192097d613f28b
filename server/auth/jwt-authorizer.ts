// HTTP API's JWT authorizer, and the only place a token is parsed: the token
// from the identity header (bare or after `Bearer `), an RSA signature by the
// key its `kid` names in a trusted issuer's JWKS, then that issuer's iss,
// aud/client_id, exp, nbf, iat and the route's scopes. The verdict carries the
// claims as HTTP API passes them to the function: every value a string.
// Several issuers may be trusted (a stage's and the local one): the kid picks
// the issuer, whose own issuer and audience the token must then carry.
import { createPublicKey } from 'node:crypto';
import { createDecoder, createVerifier, TokenError } from 'fast-jwt';
import type { JwtAuthorization } from '../api-gateway/build-event.ts';
import type { Jwks } from './local-keys.ts';

/** An issuer's keys that may change: a stage's, fetched again when a token names a kid they lack. */
export interface IssuerKeys {
  current(): Jwks;
  /** Fetches the keys again unless it did so lately; resolves once `current()` has whatever it got. */
  refetch(): Promise<void>;
}

export interface TrustedIssuer {
  issuer: string;
  audience: string[];
  jwks: Jwks | IssuerKeys;
}

export interface JwtAuthorizerOptions {
  /** The first one is the route's own (its name is the one errors are about); a kid found in none refuses the token. */
  issuers: readonly TrustedIssuer[];
}

export type AuthorizerVerdict =
  | ({ ok: true } & JwtAuthorization)
  | { ok: false; code: 'GATEWAY_UNAUTHORIZED' | 'GATEWAY_FORBIDDEN'; wwwAuthenticate: string };

export interface JwtAuthorizer {
  authorize(identity: string | undefined, routeScopes: readonly string[], nowMs: number): Promise<AuthorizerVerdict>;
}

// HTTP API supports RSA-based algorithms only.
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

type Verify = (token: string) => unknown;

export function createJwtAuthorizer(options: JwtAuthorizerOptions): JwtAuthorizer {
  const decode = createDecoder({ complete: true });
  const issuers = options.issuers.map((trusted) => ({
    trusted,
    keys: keysOf(trusted.jwks),
    seen: undefined as Jwks | undefined,
    verifiers: new Map<string, Verify>(),
  }));

  /** The issuer that holds the kid, with the kid's verifier; a set of keys that changed gets new verifiers. */
  const find = (kid: string): { trusted: TrustedIssuer; verify: Verify } | undefined => {
    for (const entry of issuers) {
      const jwks = entry.keys.current();
      if (jwks !== entry.seen) {
        entry.seen = jwks;
        entry.verifiers = verifiersOf(jwks);
      }
      const verify = entry.verifiers.get(kid);
      if (verify) return { trusted: entry.trusted, verify };
    }
    return undefined;
  };

  return {
    async authorize(identity, routeScopes, nowMs) {
      const token = identity?.trim().replace(/^Bearer\s+/i, '');
      if (!token) return invalid('the token is missing');
      if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) return invalid('the token is malformed');

      let header: Record<string, unknown>;
      try {
        header = (decode(token) as { header: Record<string, unknown> }).header;
      } catch {
        return invalid('the token is malformed');
      }
      if (!RSA_ALGORITHMS.includes(header['alg'] as (typeof RSA_ALGORITHMS)[number])) {
        return invalid(`signing method ${String(header['alg'])} is invalid`);
      }
      const kid = typeof header['kid'] === 'string' ? header['kid'] : undefined;
      let found = kid === undefined ? undefined : find(kid);
      if (kid !== undefined && !found && issuers.some((entry) => entry.keys.refetch)) {
        // An issuer rotates its keys: a kid not seen yet is worth one look at its current set (rate-limited there).
        await Promise.all(issuers.map((entry) => entry.keys.refetch?.()));
        found = find(kid);
      }
      if (!found) return invalid('the token has no kid that matches a key of the issuer');
      const { trusted, verify } = found;

      let claims: Record<string, unknown>;
      try {
        claims = verify(token) as Record<string, unknown>;
      } catch (error) {
        return invalid(
          error instanceof TokenError && error.code === TokenError.codes.invalidSignature
            ? 'the token signature is invalid'
            : 'the token is malformed',
        );
      }

      const now = nowMs / 1000;
      if (claims['iss'] !== trusted.issuer) return invalid('the token does not have a valid issuer');
      // client_id counts only when aud is absent.
      const audience = claims['aud'] !== undefined ? claims['aud'] : claims['client_id'];
      const audiences = Array.isArray(audience) ? audience : [audience];
      if (!audiences.some((a) => typeof a === 'string' && trusted.audience.includes(a))) {
        return invalid('the token does not have a valid audience');
      }
      if (typeof claims['exp'] !== 'number' || claims['exp'] <= now) return invalid('the token has expired');
      if (claims['nbf'] !== undefined && (typeof claims['nbf'] !== 'number' || claims['nbf'] > now)) {
        return invalid('the token is not valid yet');
      }
      if (claims['iat'] !== undefined && (typeof claims['iat'] !== 'number' || claims['iat'] > now)) {
        return invalid('the token was issued in the future');
      }

      const tokenScopes = scopesOf(claims);
      if (routeScopes.length > 0 && !routeScopes.some((scope) => tokenScopes.includes(scope))) {
        return {
          ok: false,
          code: 'GATEWAY_FORBIDDEN',
          wwwAuthenticate: `Bearer scope="${routeScopes.join(' ')}" error="insufficient_scope" error_description="the token does not have the required scopes"`,
        };
      }
      return { ok: true, claims: claimsAsStrings(claims), scopes: routeScopes.length > 0 ? tokenScopes : null };
    },
  };
}

function keysOf(jwks: Jwks | IssuerKeys): { current(): Jwks; refetch?: () => Promise<void> } {
  return 'keys' in jwks ? { current: () => jwks } : jwks;
}

function verifiersOf(jwks: Jwks): Map<string, Verify> {
  const verifiers = new Map<string, Verify>();
  for (const jwk of jwks.keys) {
    if (!jwk.kid || jwk.kty !== 'RSA') continue;
    const key = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    // Time claims are checked below, against the caller's clock, on every request. A token's
    // signature is verified once and remembered (an LRU of 1000 tokens, by hash): an app sends
    // the same token for an hour, and an RSA verification is the gateway's costliest step.
    verifiers.set(
      jwk.kid,
      createVerifier({ key, algorithms: [...RSA_ALGORITHMS], ignoreExpiration: true, ignoreNotBefore: true, cache: true }),
    );
  }
  return verifiers;
}

/** Claim values as HTTP API renders them: numbers and booleans printed, lists as `[a b]`. */
export function claimsAsStrings(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, renderClaim(value)]));
}

function renderClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(renderClaim).join(' ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `map[${entries.map(([k, v]) => `${k}:${renderClaim(v)}`).join(' ')}]`;
  }
  return String(value);
}

function scopesOf(claims: Record<string, unknown>): string[] {
  const raw = claims['scope'] ?? claims['scp'];
  if (typeof raw === 'string') return raw.split(' ').filter((s) => s !== '');
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return [];
}

function invalid(description: string): AuthorizerVerdict {
  return {
    ok: false,
    code: 'GATEWAY_UNAUTHORIZED',
    wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description}"`,
  };
}
