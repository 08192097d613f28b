// The fixed, small set of identities the contract suite acts as: the client
// and master of side A, the same of side B, a mediator, an admin and an
// outsider. Against the emulator they are the seed's contract-test users;
// against a stage they are whoever the configured tokens say (see
// token-sources.ts), so a stage needs seven users in its identity provider.
import type { Role } from '../../contracts/api.ts';
import { loadSeedData } from '../../local/seed/seed-table.ts';
import type { Side } from '../stage/run-projects.ts';

export const IDENTITY_NAMES = ['client-a', 'master-a', 'client-b', 'master-b', 'mediator', 'admin', 'outsider'] as const;

export type IdentityName = (typeof IDENTITY_NAMES)[number];

export interface IdentitySpec {
  name: IdentityName;
  /** The role its token must carry. */
  role: Role;
  /** Its user id in the emulator's seed; on a stage the token's claims decide. */
  localId: number;
}

const seeded = loadSeedData().contractTestIdentities;

export const IDENTITIES: readonly IdentitySpec[] = IDENTITY_NAMES.map((name) => {
  const entry = seeded.find((candidate) => candidate.identity === name);
  if (!entry) throw new Error(`local/seed/seed-data.json has no contract test identity "${name}"`);
  return { name, role: entry.role, localId: entry.id };
});

/** E2E_CLIENT_A_USERNAME and the like: the environment variable prefix of an identity. */
export const envPrefix = (name: IdentityName): string => `E2E_${name.toUpperCase().replace('-', '_')}_`;

/** The parties of each side's projects (run-projects.ts: even projects are side A's). */
export const SIDE_PARTIES: Record<Side, { client: IdentityName; master: IdentityName }> = {
  a: { client: 'client-a', master: 'master-a' },
  b: { client: 'client-b', master: 'master-b' },
};
