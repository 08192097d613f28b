// Reads the caller from the JWT claims that API Gateway's JWT authorizer puts
// in `requestContext.authorizer.jwt.claims`. HTTP APIs pass every claim as a
// string; an array claim such as `cognito:groups` arrives as `[admin mediator]`.
// The token is the authority on who calls and in which role (the authorizer
// checked its signature, issuer and audience); which claims carry the numeric
// user id and the role is configured per issuer: a Cognito `sub` is a UUID,
// so the id comes from a custom attribute there (USER_ID_CLAIM=custom:user_id).
import { ROLES, type Caller, type Role } from '../domain/dispute.ts';

export type JwtClaims = Record<string, string | number | boolean | string[]>;

const NUMERIC_ID = /^[1-9]\d{0,15}$/;

/** Which claims carry the caller's numeric id and role. */
export interface ClaimNames {
  userId: string;
  /** Tried in order; the first one present decides (a list claim: its first value). */
  roles: readonly string[];
}

export const DEFAULT_CLAIM_NAMES: ClaimNames = { userId: 'sub', roles: ['role', 'custom:role', 'cognito:groups'] };

/** The claim names from the function's optional settings USER_ID_CLAIM and ROLE_CLAIMS (comma-separated), read at cold start. */
export function readClaimNames(env: NodeJS.ProcessEnv = process.env): ClaimNames {
  const roles = (env['ROLE_CLAIMS'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return {
    userId: env['USER_ID_CLAIM']?.trim() || DEFAULT_CLAIM_NAMES.userId,
    roles: roles.length > 0 ? roles : DEFAULT_CLAIM_NAMES.roles,
  };
}

/** The caller, or null when the claims carry no usable numeric id or known role. */
export function callerFromClaims(claims: JwtClaims | undefined, names: ClaimNames = DEFAULT_CLAIM_NAMES): Caller | null {
  if (!claims) return null;
  const id = parseSub(claims[names.userId]);
  const role = parseRole(claims, names.roles);
  return id === null || role === null ? null : { id, role };
}

function parseSub(value: JwtClaims[string] | undefined): number | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !NUMERIC_ID.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

function parseRole(claims: JwtClaims, names: readonly string[]): Role | null {
  for (const name of names) {
    const [first] = parseListClaim(claims[name]);
    if (first !== undefined) return asRole(first);
  }
  return null;
}

const asRole = (value: string): Role | null => ((ROLES as readonly string[]).includes(value) ? (value as Role) : null);

/** `["a","b"]` (JSON), `[a b]` (HTTP API's rendering), a real array or a single value. */
export function parseListClaim(value: JwtClaims[string] | undefined): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // Not JSON: the space-separated form API Gateway produces.
    }
    return text
      .slice(1, -1)
      .split(/[\s,]+/)
      .filter((part) => part !== '');
  }
  return text === '' ? [] : [text];
}
