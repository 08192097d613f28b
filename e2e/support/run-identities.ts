// The identities of one run: a token for each from the configured source, and
// the user id and role the API will see, read from the token's claims with
// the same code and the same claim settings the functions use
// (E2E_USER_ID_CLAIM and E2E_ROLE_CLAIMS mirror the functions' USER_ID_CLAIM
// and ROLE_CLAIMS). A token with the wrong role, or two identities that are the
// same user, stop the run before any test.
import { callerFromClaims, readClaimNames, type JwtClaims } from '../../handlers/http/caller-claims.ts';
import type { Side } from '../stage/run-projects.ts';
import { IDENTITIES, type IdentityName, type IdentitySpec, SIDE_PARTIES } from './identities.ts';
import type { RunIdentity } from './run-state.ts';
import type { TokenSource } from './token-sources.ts';

export function claimsOf(token: string): JwtClaims {
  const payload = token.split('.')[1];
  try {
    return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    throw new Error('not a JWT (no JSON payload)');
  }
}

/** One identity: its token, and the user the token says it is. */
export async function resolveIdentity(source: TokenSource, spec: IdentitySpec, env: NodeJS.ProcessEnv): Promise<RunIdentity> {
  const names = readClaimNames({ USER_ID_CLAIM: env['E2E_USER_ID_CLAIM'], ROLE_CLAIMS: env['E2E_ROLE_CLAIMS'] });
  const token = await source(spec);
  let caller: ReturnType<typeof callerFromClaims>;
  try {
    caller = callerFromClaims(claimsOf(token), names);
  } catch (error) {
    throw new Error(`the token for ${spec.name} is ${(error as Error).message}`);
  }
  if (!caller) {
    throw new Error(
      `the token for ${spec.name} has no numeric "${names.userId}" claim or no role in ${names.roles.join(', ')} (set E2E_USER_ID_CLAIM / E2E_ROLE_CLAIMS as the functions' USER_ID_CLAIM / ROLE_CLAIMS)`,
    );
  }
  if (caller.role !== spec.role) throw new Error(`the token for ${spec.name} is a ${caller.role}'s; it must be a ${spec.role}'s`);
  return { name: spec.name, id: caller.id, role: caller.role, token };
}

/** Every identity of the suite, each asked for once. */
export async function resolveIdentities(source: TokenSource, env: NodeJS.ProcessEnv): Promise<RunIdentity[]> {
  const identities = await Promise.all(IDENTITIES.map((spec) => resolveIdentity(source, spec, env)));
  const ids = new Set(identities.map((identity) => identity.id));
  if (ids.size !== identities.length) {
    throw new Error(
      `the identities must be ${identities.length} different users: ${identities.map((i) => `${i.name}=${i.id}`).join(', ')}`,
    );
  }
  return identities;
}

export function identity(identities: readonly RunIdentity[], name: IdentityName): RunIdentity {
  const found = identities.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no identity ${name}`);
  return found;
}

/** The user ids of each side's parties, for the projects a run writes. */
export const sideParties = (identities: readonly RunIdentity[]) => {
  const ids = (side: Side) => ({
    client: identity(identities, SIDE_PARTIES[side].client).id,
    master: identity(identities, SIDE_PARTIES[side].master).id,
  });
  return { a: ids('a'), b: ids('b') };
};

/** Whether a token expires within the next minute (a long run may outlive a stage's one-hour tokens). */
export function expiresSoon(token: string, now = Date.now()): boolean {
  const exp = Number(claimsOf(token)['exp']);
  return Number.isFinite(exp) && exp * 1000 < now + 60_000;
}
