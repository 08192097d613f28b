// Who the suite acts as: the run's identities (identities.ts), with the user
// ids their tokens carry. Every test that opens a dispute claims a project of
// the run for itself (project-claims.ts), so tests never see each other's
// disputes on a project, and runs never share one.
import type { Role } from '../../contracts/api.ts';
import type { RunProject, Side } from '../stage/run-projects.ts';
import type { IdentityName } from './identities.ts';
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

export const clientA = user('client-a');
export const masterA = user('master-a');
export const clientB = user('client-b');
export const masterB = user('master-b');
export const mediator = user('mediator');
export const admin = user('admin');
/** A client who is no party of any of the run's projects. */
export const outsider = user('outsider');

const parties: Record<Side, { client: TestUser; master: TestUser }> = {
  a: { client: clientA, master: masterA },
  b: { client: clientB, master: masterB },
};

/** A project of the run that no other test uses; side A's unless asked for B. */
export function freshProject(side: Side = 'a'): TestProject {
  return { ...claimProject(side), ...parties[side] };
}
