// The emulator's own token issuer: fixed issuer and audience values that fill
// the contract's `{jwt_issuer}` / `{jwt_audience}` placeholders locally.
import { createSigner } from 'fast-jwt';
import path from 'node:path';
import { loadOrCreateKeys } from './local-keys.ts';

export const LOCAL_ISSUER = 'disputes-local';
export const LOCAL_AUDIENCE = 'disputes-api';
export const DEFAULT_TOKEN_TTL_SECONDS = 24 * 60 * 60;

export function defaultKeyDir(projectRoot: string): string {
  return path.join(projectRoot, '.emulator', 'keys');
}

export interface LocalTokenOptions {
  keyDir: string;
  sub: string;
  role?: string;
  name?: string;
  ttlSeconds?: number;
  /** Epoch milliseconds; defaults to the current time. */
  now?: number;
  /** Extra claims, e.g. `scope` or `cognito:groups`, for tests. */
  claims?: Record<string, unknown>;
}

/**
 * The id and role under the claim names the functions are configured to read (USER_ID_CLAIM, the first of
 * ROLE_CLAIMS), besides `sub` and `role`: with a Cognito-style `custom:user_id`, a local token still says who.
 */
export function configuredClaims(
  claimNames: { userId?: string; roles?: string },
  user: { id: string; role?: string },
): Record<string, string> {
  const roleClaim = (claimNames.roles ?? '')
    .split(',')
    .map((name) => name.trim())
    .find((name) => name !== '');
  return {
    ...(claimNames.userId && claimNames.userId !== 'sub' ? { [claimNames.userId]: user.id } : {}),
    ...(roleClaim && roleClaim !== 'role' && user.role !== undefined ? { [roleClaim]: user.role } : {}),
  };
}

export function issueLocalToken(options: LocalTokenOptions): string {
  const keys = loadOrCreateKeys(options.keyDir);
  const sign = createSigner({
    key: keys.privateKeyPem,
    algorithm: 'RS256',
    kid: keys.kid,
    iss: LOCAL_ISSUER,
    aud: LOCAL_AUDIENCE,
    sub: options.sub,
    expiresIn: (options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS) * 1000,
    clockTimestamp: options.now ?? Date.now(),
  });
  return sign({
    ...(options.role !== undefined ? { role: options.role } : {}),
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...options.claims,
  });
}
