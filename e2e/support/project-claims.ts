// Each test that needs a project claims one of the run's projects for itself:
// a file per project in the run's claim folder, created exclusively, so that
// no two tests of any worker ever share a project (and none has to retry on
// a project someone else's dispute holds).
import { openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { runProject, type RunProject, type Side } from '../stage/run-projects.ts';
import { runState } from './run-state.ts';

let next = 0;

export function claimProject(side: Side): RunProject {
  const { runId, projectCount, claimDir } = runState();
  for (; next < projectCount; next += 1) {
    const project = runProject(runId, next);
    if (project.side !== side) continue;
    try {
      closeSync(openSync(path.join(claimDir, String(project.k)), 'wx'));
      return project;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  next = 0;
  throw new Error(`all ${projectCount} projects of run ${runId} are taken: set E2E_PROJECT_COUNT higher`);
}
