// The bearer token of a test user: the one the global setup got for that
// identity (token-sources.ts), so a token source is asked once per identity
// per run, whatever the number of workers and tests.
import { runState } from './run-state.ts';
import type { TestUser } from './test-users.ts';

export const targetIsLocal = !process.env.E2E_BASE_URL;

export async function tokenFor(user: TestUser): Promise<string> {
  const identity = runState().identities.find((candidate) => candidate.id === user.id && candidate.role === user.role);
  if (!identity) throw new Error(`user ${user.id} (${user.role}) is none of the run's identities`);
  return identity.token;
}
