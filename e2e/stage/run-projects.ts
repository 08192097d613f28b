// The projects of one contract run. Projects belong to the marketplace, not to
// this API, so a run writes its own into the table (write-run-projects.ts):
// ids in a range of their own, derived from the run id, so that runs never
// share a project and a killed run's projects can be found again from its id.
// Even projects are side A's (client-a against master-a), odd ones side B's.
import { randomInt } from 'node:crypto';

export type Side = 'a' | 'b';

export interface RunProject {
  id: number;
  k: number;
  side: Side;
  title: string;
}

/** Far above any id the marketplace hands out; below 2^53 and within the contract's 16 digits. */
const RUN_PROJECT_BASE = 9_000_000_000_000;
const PROJECTS_PER_RUN_MAX = 1000;
const RUN_ID = /^[1-9]\d{0,6}$/;

/** Enough for every dispute one run opens, with room to spare; each test claims its own. */
export const DEFAULT_PROJECT_COUNT = 400;

export const newRunId = (): string => String(randomInt(1, 10_000_000));

export function checkRunId(runId: string): string {
  if (!RUN_ID.test(runId)) throw new Error(`not a run id: ${runId} (1 to 7 digits)`);
  return runId;
}

export function checkProjectCount(count: number): number {
  if (!Number.isInteger(count) || count < 2 || count > PROJECTS_PER_RUN_MAX) {
    throw new Error(`a run has 2 to ${PROJECTS_PER_RUN_MAX} projects, not ${count}`);
  }
  return count;
}

export function runProject(runId: string, k: number): RunProject {
  if (!Number.isInteger(k) || k < 0 || k >= PROJECTS_PER_RUN_MAX) throw new Error(`no project ${k} in a run`);
  return {
    id: RUN_PROJECT_BASE + Number(checkRunId(runId)) * PROJECTS_PER_RUN_MAX + k,
    k,
    side: k % 2 === 0 ? 'a' : 'b',
    title: `Contract test run ${runId}, project ${k}`,
  };
}

/** Every project a run may have written (the most there can be, so that a cleanup misses none). */
export const allRunProjects = (runId: string): RunProject[] => Array.from({ length: PROJECTS_PER_RUN_MAX }, (_, k) => runProject(runId, k));

/** The run a project id belongs to, or null for any other project. */
export function runOfProject(projectId: number): string | null {
  const offset = projectId - RUN_PROJECT_BASE;
  if (!Number.isSafeInteger(projectId) || offset < PROJECTS_PER_RUN_MAX) return null;
  const runId = String(Math.floor(offset / PROJECTS_PER_RUN_MAX));
  return RUN_ID.test(runId) ? runId : null;
}
