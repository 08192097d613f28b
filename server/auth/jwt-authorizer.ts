// HTTP API's JWT authorizer, and the only place a token is parsed: the token
// from the identity header (bare or after `Bearer `), an RSA signature by the
// key its `kid` names in the JWKS, then iss, aud/client_id, exp, nbf, iat and
// the route's scopes. The verdict carries the claims as HTTP API passes them
// to the function: every value a string.
import { createPublicKey } from 'node:crypto';
import { createDecoder, createVerifier, TokenError } from 'fast-jwt';
import type { JwtAuthorization } from '../api-gateway/build-event.ts';
import type { Jwks } from './local-keys.ts';

export interface JwtAuthorizerOptions {
  issuer: string;
  audience: string[];
  jwks: Jwks;
}

export type AuthorizerVerdict =
  | ({ ok: true } & JwtAuthorization)
  | { ok: false; code: 'GATEWAY_UNAUTHORIZED' | 'GATEWAY_FORBIDDEN'; wwwAuthenticate: string };

export interface JwtAuthorizer {
  authorize(identity: string | undefined, routeScopes: readonly string[], nowMs: number): AuthorizerVerdict;
}

// HTTP API supports RSA-based algorithms only.
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

export function createJwtAuthorizer(options: JwtAuthorizerOptions): JwtAuthorizer {
  const decode = createDecoder({ complete: true });
  const verifiers = new Map<string, (token: string) => unknown>();
  for (const jwk of options.jwks.keys) {
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

  return {
    authorize(identity, routeScopes, nowMs) {
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
      const verify = typeof header['kid'] === 'string' ? verifiers.get(header['kid']) : undefined;
      if (!verify) return invalid('the token has no kid that matches a key of the issuer');

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
      if (claims['iss'] !== options.issuer) return invalid('the token does not have a valid issuer');
      // client_id counts only when aud is absent.
      const audience = claims['aud'] !== undefined ? claims['aud'] : claims['client_id'];
      const audiences = Array.isArray(audience) ? audience : [audience];
      if (!audiences.some((a) => typeof a === 'string' && options.audience.includes(a))) {
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
