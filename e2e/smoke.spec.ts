// `npm run smoke` against this emulator, a stage like any other (and, in the
// zip-mode run of the suite, against the packaged zips): read-only checks of
// every route, then the create → message → close flow on a free pool project.
import { randomInt } from 'node:crypto';
import { expect, test } from './support/fixtures.ts';
import { poolProject, poolSize, reservedPoolProjects } from './support/test-users.ts';
import { tokenFor } from './support/tokens.ts';
import { contractRoutes, runSmoke } from '../scripts/smoke-checks.ts';

test('the read-only smoke checks pass: every route answers as the contract allows, a missing token is 401', async ({ baseURL }) => {
  const project = poolProject(reservedPoolProjects);
  const results = await runSmoke({ baseUrl: baseURL ?? '', token: await tokenFor(project.client) });
  expect(results.filter((result) => !result.ok)).toEqual([]);
  // One refused call per contract route besides the list, plus the list and the missing token.
  expect(results.filter((result) => result.check.startsWith('refused: '))).toHaveLength(contractRoutes().length - 1);
});

test('the write smoke flow opens, messages and closes a dispute, leaving the project free', async ({ baseURL, as }) => {
  for (let attempt = 0; attempt < 25; attempt += 1) {
    const project = poolProject(randomInt(reservedPoolProjects, poolSize));
    const results = await runSmoke({ baseUrl: baseURL ?? '', token: await tokenFor(project.client), write: { project: project.id } });
    const created = results.find((result) => result.check === 'write: POST /disputes');
    // A project whose dispute another test keeps open answers 409: try another one.
    if (created?.detail.includes('unexpected status 409')) continue;
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results.filter((result) => result.check.startsWith('write: ')).map((result) => result.detail)).toEqual(['201', '201', '200']);
    const api = await as(project.client);
    const mine = await api.GET('/disputes', { params: { query: { status: 'open' } } });
    expect(mine.data?.results.filter((dispute) => dispute.project.id === project.id) ?? []).toEqual([]);
    return;
  }
  throw new Error('no free project in the contract-test pool');
});
