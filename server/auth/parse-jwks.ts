// What a stage's keys must be to be of use, wherever they come from (a file, the
// issuer, the disk copy): a JWKS with at least one RSA key that has a kid.
import type { Jwks } from './local-keys.ts';

/** The JWKS in `value`; throws an Error saying what is wrong with it otherwise. */
export function parseJwks(value: unknown): Jwks {
  const keys = (value as Partial<Jwks> | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('not a JWKS (no "keys" array)');
  // The authorizer uses RSA keys with a kid only (HTTP API's JWT authorizer supports RSA signatures).
  if (!keys.some((key) => key?.kty === 'RSA' && typeof key.kid === 'string')) {
    throw new Error('no RSA key with a kid, so no token could be verified');
  }
  return value as Jwks;
}
