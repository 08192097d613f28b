// `npm run smoke` against this emulator, a stage like any other (and, in the
// zip-mode run of the suite, against the packaged zips): read-only checks of
// every route, then the create → message → close flow on a project of its own.
import { expect, test } from './support/fixtures.ts';
import { clientA, freshProject } from './support/test-users.ts';
import { tokenFor } from './support/tokens.ts';
import { contractRoutes, runSmoke } from '../scripts/smoke-checks.ts';

test('the read-only smoke checks pass: every route answers as the contract allows, a missing token is 401', async ({ baseURL }) => {
  const results = await runSmoke({ baseUrl: baseURL ?? '', token: await tokenFor(clientA) });
  expect(results.filter((result) => !result.ok)).toEqual([]);
  // One refused call per contract route besides the list, plus the list and the missing token.
  expect(results.filter((result) => result.check.startsWith('refused: '))).toHaveLength(contractRoutes().length - 1);
});

test('the write smoke flow opens, messages and closes a dispute, leaving the project free', async ({ baseURL, as }) => {
  const project = freshProject();
  const results = await runSmoke({ baseUrl: baseURL ?? '', token: await tokenFor(project.client), write: { project: project.id } });
  expect(results.filter((result) => !result.ok)).toEqual([]);
  expect(results.filter((result) => result.check.startsWith('write: ')).map((result) => result.detail)).toEqual(['201', '201', '200']);
  // The project takes a new dispute: the smoke flow left none active on it.
  const again = await (await as(project.client)).POST('/disputes', {
    body: { project: project.id, reason: 'other', description: 'After smoke' },
  });
  expect(again.response.status).toBe(201);
});
