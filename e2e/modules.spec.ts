// Two modules on one origin: the suite's own emulator serves the projects
// fixture module (e2e/fixtures/projects-module) beside disputes. Each answers
// on the same port with its own routes, functions and table, behind its own
// authorizer; the docs page and the console show both.
// Not recorded for the disputes contract's coverage report: these are another contract's calls.
import { expect, test } from '@playwright/test';
import { clientA, masterA } from './support/test-users.ts';
import { targetIsLocal, tokenFor } from './support/tokens.ts';

test.describe('a second module on the same origin', () => {
  test.skip(!targetIsLocal || !!process.env.E2E_ZIPS, "the projects fixture module is served by the suite's own emulator only");

  test("each module answers its own routes on one port: a project created and listed through the projects module's functions, disputes beside it", async ({
    request,
  }) => {
    const client = { authorization: `Bearer ${await tokenFor(clientA)}` };
    const title = `Fixture project ${Date.now()}`;
    const created = await request.post('/projects', { headers: client, data: { title } });
    expect(created.status()).toBe(201);
    const project = (await created.json()) as { id: string; title: string; owner_id: string };
    expect(project).toMatchObject({ title, owner_id: String(clientA.id) });
    expect(created.headers()['apigw-requestid']).toBeTruthy();

    const mine = await request.get('/projects/my', { headers: client });
    expect(mine.status()).toBe(200);
    const listed = (await mine.json()) as { results: Array<{ id: string }>; count: number };
    expect(listed.results.map((item) => item.id)).toContain(project.id);

    // Another caller's projects are theirs: the function queried its table by the caller's id.
    const other = await request.get('/projects/my', { headers: { authorization: `Bearer ${await tokenFor(masterA)}` } });
    expect(((await other.json()) as { results: Array<{ id: string }> }).results.map((item) => item.id)).not.toContain(project.id);

    // The disputes module on the same origin, unchanged.
    const disputes = await request.get('/disputes', { headers: client });
    expect(disputes.status()).toBe(200);
  });

  test("each module's routes are behind its own JWT authorizer; a route neither has is the gateway's 404", async ({ request }) => {
    const unsigned = await request.get('/projects/my');
    expect(unsigned.status()).toBe(401);
    expect(await unsigned.json()).toEqual({ message: 'Unauthorized' });
    const nowhere = await request.get('/projects/all', { headers: { authorization: `Bearer ${await tokenFor(clientA)}` } });
    expect(nowhere.status()).toBe(404);
    expect(await nowhere.json()).toEqual({ message: 'Not Found' });
  });

  test('the docs page has one entry per module, and the console lists both tables and the disputes view', async ({ request }) => {
    const projectsDocs = await request.get('/docs/openapi.json?module=projects-api');
    expect(projectsDocs.status()).toBe(200);
    expect(Object.keys(((await projectsDocs.json()) as { paths: Record<string, unknown> }).paths)).toEqual(['/projects', '/projects/my']);
    const page = await (await request.get('/docs?module=projects-api')).text();
    expect(page).toContain('href="/docs?module=disputes-api"');
    expect((await request.get('/docs/projects-api/openapi.yaml')).status()).toBe(200);

    const data = (await (await request.get('/_console/api/data')).json()) as {
      tables: Array<{ module: string; name: string }>;
      views: Array<{ module: string; label: string }>;
    };
    expect(data.tables).toEqual([
      { module: 'disputes-api', name: 'handshake-local-table' },
      { module: 'projects-api', name: 'handshake-local-projects' },
    ]);
    expect(data.views).toEqual([{ module: 'disputes-api', label: 'Disputes' }]);
  });
});
