// Who the suite acts as: the run's identities (identities.ts), with the user
// ids their tokens carry. Every test that opens a dispute claims a project of
// the run for itself (project-claims.ts), so tests never see each other's
// disputes on a project, and runs never share one.
import type { Role } from '../../contracts/api.ts';
import type { RunProject, Side } from '../stage/run-projects.ts';
import { type IdentityName, SIDE_PARTIES } from './identities.ts';
import { claimProject } from './project-claims.ts';
import { runState } from './run-state.ts';

export interface TestUser {
  id: number;
  role: Role;
}

export interface TestProject extends RunProject {
  client: TestUser;
  master: TestUser;
}

export function user(name: IdentityName): TestUser {
  const identity = runState().identities.find((candidate) => candidate.name === name);
  if (!identity) throw new Error(`the run has no identity ${name}`);
  return { id: identity.id, role: identity.role };
}

/** Read when a test uses it, so that listing the tests (no global setup) works. */
const lazyUser = (name: IdentityName): TestUser => ({
  get id() {
    return user(name).id;
  },
  get role() {
    return user(name).role;
  },
});

export const clientA = lazyUser('client-a');
export const masterA = lazyUser('master-a');
export const clientB = lazyUser('client-b');
export const masterB = lazyUser('master-b');
export const mediator = lazyUser('mediator');
export const admin = lazyUser('admin');
/** A client who is no party of any of the run's projects. */
export const outsider = lazyUser('outsider');

/** A project of the run that no other test uses; side A's unless asked for B. */
export function freshProject(side: Side = 'a'): TestProject {
  return { ...claimProject(side), client: user(SIDE_PARTIES[side].client), master: user(SIDE_PARTIES[side].master) };
}
