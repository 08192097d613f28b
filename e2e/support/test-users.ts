// Who the suite acts as. Staff and the demo parties come from the seed data;
// every test that opens a dispute takes a project of its own from the
// contract-test pool (its own client and master), so tests never see each
// other's disputes and can run in parallel.
import { readFileSync } from 'node:fs';
import type { Role } from '../../contracts/api.ts';

export interface TestUser {
  id: number;
  role: Role;
}

export interface TestProject {
  id: number;
  client: TestUser;
  master: TestUser;
}

interface SeedData {
  users: { id: number; role: Role }[];
  contract_test_projects: { first_project_id: number; count: number; first_user_id: number };
}

const seed = JSON.parse(readFileSync(new URL('../../server/seed/seed-data.json', import.meta.url), 'utf8')) as SeedData;

const seedUser = (id: number): TestUser => {
  const user = seed.users.find((candidate) => candidate.id === id);
  if (!user) throw new Error(`seed user ${id} is missing`);
  return { id: user.id, role: user.role };
};

export const mediator = seedUser(3);
export const admin = seedUser(4);

/** The k-th project of the pool, as the seeder lays it out. */
export function poolProject(k: number): TestProject {
  const pool = seed.contract_test_projects;
  const clientId = pool.first_user_id + 2 * k;
  return {
    id: pool.first_project_id + k,
    client: { id: clientId, role: 'client' },
    master: { id: clientId + 1, role: 'master' },
  };
}

export const poolSize = seed.contract_test_projects.count;

/** Pool projects below this index are named by the tests that use them; the rest are handed out at random. */
export const reservedPoolProjects = 10;

/** A user who is no party of any pool project. */
export const outsider: TestUser = { id: 999_999, role: 'client' };
