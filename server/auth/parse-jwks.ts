// What a stage's keys must be to be of use, wherever they come from (a file, the
// issuer, the disk copy): a JWKS with at least one usable RSA key with a kid.
// Keys the authorizer could not use (another type, no kid, no modulus or
// exponent, say an x5c-only entry) are left out here, never met at request time.
import { createPublicKey } from 'node:crypto';
import type { Jwks } from './local-keys.ts';

/** The JWKS in `value`, its usable keys only; throws an Error saying what is wrong with it otherwise. */
export function parseJwks(value: unknown): Jwks {
  const keys = (value as Partial<Jwks> | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('not a JWKS (no "keys" array)');
  // The authorizer uses RSA keys with a kid only (HTTP API's JWT authorizer supports RSA signatures).
  const usable = keys.filter((key) => key?.kty === 'RSA' && typeof key.kid === 'string' && isPublicKey(key));
  if (usable.length === 0) throw new Error('no usable RSA key with a kid, so no token could be verified');
  return { ...(value as Jwks), keys: usable };
}

function isPublicKey(key: Jwks['keys'][number]): boolean {
  try {
    createPublicKey({ key: key as unknown as import('node:crypto').JsonWebKey, format: 'jwk' });
    return true;
  } catch {
    return false;
  }
}
