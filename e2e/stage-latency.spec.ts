// `npm run stage:latency` against this emulator, a stage like any other (and,
// in the remote runs, against the packaged zips), briefly: every read route
// and each step of the write journey are called, their first calls apart,
// every answer is the expected one, and the journey leaves the project free.
// The durations are printed, never asserted: a loaded machine is slow, not wrong.
import { contractOperations } from '../contracts/contract-operations.ts';
import { measureLatency } from '../scripts/stage-latency-run.ts';
import { latencyTable } from '../scripts/stage-latency-table.ts';
import { expect, test } from './support/fixtures.ts';
import { freshProject } from './support/test-users.ts';
import { tokenFor } from './support/tokens.ts';

test('stage:latency measures every read route and the create → message → close journey, and cleans up', async ({
  baseURL,
  as,
  openDispute,
}) => {
  // A dispute the caller sees from the first call, so that the routes of one dispute are measured from the start.
  const { initiator } = await openDispute({ side: 'a' });
  const project = freshProject('a');
  expect(project.client.id).toBe(initiator.id);
  const run = await measureLatency({
    baseUrl: baseURL ?? '',
    token: await tokenFor(project.client),
    seconds: 3,
    rate: 10,
    write: { project: project.id },
  });
  console.log(latencyTable(run).text);
  const reads = contractOperations()
    .filter((operation) => operation.method === 'GET')
    .map((operation) => `GET ${operation.path}`);
  const journey = ['POST /disputes', 'POST /disputes/{id}/messages', 'POST /disputes/{id}/close'];
  expect(run.routes.map((route) => route.route).sort()).toEqual([...reads, ...journey].sort());
  expect(run.routes.filter((route) => Object.keys(route.errors).length > 0)).toEqual([]);
  const expected = (route: string) => (route.startsWith('GET') || route.endsWith('/close') ? 200 : 201);
  expect(run.routes.map((route) => [route.route, route.first?.status])).toEqual(
    run.routes.map((route) => [route.route, expected(route.route)]),
  );
  expect(run.calls).toBe(run.routes.reduce((sum, route) => sum + route.later.length + 1, 0));
  expect(run.notes).toEqual([]);
  // The journey closed what it opened: the project takes a new dispute.
  const again = await (await as(project.client)).POST('/disputes', {
    body: { project: project.id, reason: 'other', description: 'After the latency check' },
  });
  expect(again.response.status).toBe(201);
});
