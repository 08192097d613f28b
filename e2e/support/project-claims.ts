// Each test that needs a project claims one of the run's projects for itself:
// a file per project in the run's claim folder, created exclusively, so that
// no two tests of any worker ever share a project (and none has to retry on
// a project someone else's dispute holds). The folder is on this machine: one
// run is one Playwright invocation (no sharding across machines).
import { openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { runProject, type RunProject, type Side } from '../stage/run-projects.ts';
import { runState } from './run-state.ts';

/** Where each side's search resumes in this worker: a project skipped once is taken for good. */
const next: Record<Side, number> = { a: 0, b: 1 };

export function claimProject(side: Side): RunProject {
  const { runId, projectCount, claimDir } = runState();
  // Even projects are side A's, odd ones side B's (run-projects.ts).
  for (; next[side] < projectCount; next[side] += 2) {
    const project = runProject(runId, next[side]);
    try {
      closeSync(openSync(path.join(claimDir, String(project.k)), 'wx'));
      next[side] += 2;
      return project;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`all ${projectCount} projects of run ${runId} are taken: set E2E_PROJECT_COUNT higher`);
}
