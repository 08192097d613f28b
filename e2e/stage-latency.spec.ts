// `npm run stage:latency` against this emulator, a stage like any other (and,
// in the remote runs, against the packaged zips), briefly: every read route
// and the write journey get their first call apart and later calls, every
// answer is the expected one, and the journey leaves the project free. The
// durations are printed, never asserted: a loaded machine is slow, not wrong.
import { measureLatency } from '../scripts/stage-latency-run.ts';
import { latencyTable } from '../scripts/stage-latency-table.ts';
import { contractOperations } from '../contracts/contract-operations.ts';
import { expect, test } from './support/fixtures.ts';
import { freshProject } from './support/test-users.ts';
import { tokenFor } from './support/tokens.ts';

test('stage:latency measures every read route and the create → message → close journey, and cleans up', async ({ baseURL, as }) => {
  const project = freshProject();
  const run = await measureLatency({
    baseUrl: baseURL ?? '',
    token: await tokenFor(project.client),
    seconds: 3,
    rate: 10,
    write: { project: project.id },
  });
  const { text } = latencyTable(run);
  console.log(text);
  const reads = contractOperations()
    .filter((operation) => operation.method === 'GET')
    .map((operation) => `GET ${operation.path}`);
  const journey = ['POST /disputes', 'POST /disputes/{id}/messages', 'POST /disputes/{id}/close'];
  expect(run.routes.map((route) => route.route).sort()).toEqual([...reads, ...journey].sort());
  expect(run.routes.filter((route) => Object.keys(route.errors).length > 0)).toEqual([]);
  for (const route of run.routes) expect(route.first, `${route.route}: its first call is kept apart`).toBeDefined();
  expect(run.routes.find((route) => route.route === 'GET /disputes')!.later.length).toBeGreaterThan(0);
  expect(run.calls).toBe(run.routes.reduce((sum, route) => sum + route.later.length + 1, 0));
  expect(run.notes).toEqual([]);
  // The journey closed what it opened: the project takes a new dispute.
  const again = await (await as(project.client)).POST('/disputes', {
    body: { project: project.id, reason: 'other', description: 'After the latency check' },
  });
  expect(again.response.status).toBe(201);
});
