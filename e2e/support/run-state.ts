// What the global setup hands to every worker of a run, through the
// environment (Playwright starts the workers after the global setup, with its
// environment): the run id, the identities with their tokens, and the folder
// in which workers claim the run's projects.
import type { Role } from '../../contracts/api.ts';
import type { IdentityName } from './identities.ts';

export interface RunIdentity {
  name: IdentityName;
  /** The user id the API sees: read from the token's claims. */
  id: number;
  role: Role;
  token: string;
}

export interface RunState {
  runId: string;
  projectCount: number;
  identities: RunIdentity[];
  /** A folder of this machine where a file per project marks it taken (see project-claims.ts). */
  claimDir: string;
}

const VARIABLE = 'E2E_RUN_STATE';

export function publishRunState(state: RunState): void {
  process.env[VARIABLE] = JSON.stringify(state);
}

let cached: RunState | undefined;

export function runState(): RunState {
  if (cached) return cached;
  const text = process.env[VARIABLE];
  if (!text) throw new Error(`${VARIABLE} is not set: run the suite with \`npx playwright test\`, whose global setup sets it`);
  cached = JSON.parse(text) as RunState;
  return cached;
}
