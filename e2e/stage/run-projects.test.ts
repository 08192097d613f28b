import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRunProjects, checkProjectCount, checkRunId, newRunId, runOfProject, runProject } from './run-projects.ts';

test("a run's projects are its own range of ids, alternating sides, found again from any of their ids", () => {
  const runId = '4242';
  const first = runProject(runId, 0);
  const second = runProject(runId, 1);
  assert.equal(first.side, 'a');
  assert.equal(second.side, 'b');
  assert.equal(second.id, first.id + 1);
  assert.ok(Number.isSafeInteger(runProject('9999999', 999).id));
  assert.match(first.title, /run 4242/);
  for (const project of allRunProjects(runId)) assert.equal(runOfProject(project.id), runId);
  assert.equal(runOfProject(runProject('4243', 0).id), '4243');
  assert.equal(runOfProject(123), null);
  assert.equal(runOfProject(runProject('1', 0).id - 1), null, 'below the first run');
  assert.equal(runOfProject(first.id - 1), '4241', 'the last project of the run before');
});

test('run ids and project counts are checked', () => {
  assert.equal(checkRunId(newRunId()).length > 0, true);
  assert.throws(() => checkRunId('0'), /not a run id/);
  assert.throws(() => checkRunId('12345678'), /not a run id/);
  assert.throws(() => runProject('1', 1000), /no project 1000/);
  assert.equal(checkProjectCount(400), 400);
  assert.throws(() => checkProjectCount(1001), /2 to 1000/);
});
