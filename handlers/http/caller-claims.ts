// Reads the caller from the JWT claims that API Gateway's JWT authorizer puts
// in `requestContext.authorizer.jwt.claims`. HTTP APIs pass every claim as a
// string; an array claim such as `cognito:groups` arrives as `[admin mediator]`.
import { ROLES, type Caller, type Role } from '../domain/dispute.ts';

export type JwtClaims = Record<string, string | number | boolean | string[]>;

const NUMERIC_ID = /^[1-9]\d{0,15}$/;

/** The caller, or null when the claims carry no usable `sub` or role. */
export function callerFromClaims(claims: JwtClaims | undefined): Caller | null {
  if (!claims) return null;
  const id = parseSub(claims['sub']);
  const role = parseRole(claims);
  return id === null || role === null ? null : { id, role };
}

function parseSub(value: JwtClaims[string] | undefined): number | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !NUMERIC_ID.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

function parseRole(claims: JwtClaims): Role | null {
  for (const name of ['role', 'custom:role']) {
    const value = claims[name];
    if (typeof value === 'string' && value !== '') return asRole(value);
  }
  const groups = parseListClaim(claims['cognito:groups']);
  return groups[0] === undefined ? null : asRole(groups[0]);
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
