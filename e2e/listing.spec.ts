import type { Dispute } from '../contracts/api.ts';
import type { ApiClient } from './support/api-client.ts';
import { allPages } from './support/pagination.ts';
import { mediator, poolProject } from './support/test-users.ts';
import { expect, test } from './support/fixtures.ts';

const disputePages = (api: ApiClient, query: { status?: Dispute['status']; limit: number }) =>
  allPages((cursor) => api.GET('/disputes', { params: { query: { ...query, cursor } } }));

test('a party lists its disputes newest first, in full pages, with exact counts and status filters', async ({ as }) => {
  // Pool project 2 is this test's own: one client, one master, nobody else.
  const project = poolProject(2);
  const client = await as(project.client);
  const master = await as(project.master);
  const created: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const opened = await client.POST('/disputes', { body: { project: project.id, reason: 'scope', description: `Round ${round}` } });
    expect(opened.response.status).toBe(201);
    created.push(opened.data!.id);
    if (round < 4) {
      const closed = await client.POST('/disputes/{id}/close', { params: { path: { id: opened.data!.id } } });
      expect(closed.data?.status).toBe('closed');
    }
  }

  for (const api of [client, master]) {
    const { pages, counts } = await disputePages(api, { limit: 2 });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(counts).toEqual([5, 5, 5]);
    expect(pages.flat().map((d) => d.id)).toEqual([...created].reverse());
  }

  const closed = await disputePages(client, { status: 'closed', limit: 3 });
  expect(closed.pages.map((page) => page.length)).toEqual([3, 1]);
  expect(closed.counts[0]).toBe(4);
  expect(closed.pages.flat().every((d) => d.status === 'closed')).toBe(true);

  const open = await disputePages(master, { status: 'open', limit: 10 });
  expect(open.pages).toHaveLength(1);
  expect(open.pages[0]!.map((d) => d.id)).toEqual([created[4]]);
  expect(open.counts[0]).toBe(1);

  // Leave the project free for the next run against the same stage.
  await client.POST('/disputes/{id}/close', { params: { path: { id: created[4]! } } });
});

test('staff list every dispute; a status filter returns only that status', async ({ openDispute, as }) => {
  const { dispute } = await openDispute();
  const staff = await as(mediator);
  // Newest first: the dispute just opened is on one of the first pages, however many others are open.
  let cursor: string | undefined;
  let found = false;
  do {
    const { data, response } = await staff.GET('/disputes', { params: { query: { status: 'open', limit: 100, cursor } } });
    expect(response.status).toBe(200);
    expect(data!.results.filter((d) => d.status !== 'open')).toEqual([]);
    expect(data!.count).toBeGreaterThanOrEqual(data!.results.length);
    found = data!.results.some((d) => d.id === dispute.id);
    cursor = data!.next_cursor ?? undefined;
  } while (!found && cursor);
  expect(found, `dispute ${dispute.id} is listed`).toBe(true);
});

test('cursors are opaque and bound to the caller and the filter: tampering is a 400', async ({ as }) => {
  const project = poolProject(3);
  const client = await as(project.client);
  for (let round = 0; round < 3; round += 1) {
    const opened = await client.POST('/disputes', { body: { project: project.id, reason: 'other', description: `Round ${round}` } });
    expect(opened.response.status).toBe(201);
    await client.POST('/disputes/{id}/close', { params: { path: { id: opened.data!.id } } });
  }
  const first = await client.GET('/disputes', { params: { query: { limit: 1 } } });
  const cursor = first.data!.next_cursor!;
  expect(cursor).toEqual(expect.any(String));

  const flipped = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA');
  const cases: [string, ApiClient, Record<string, unknown>][] = [
    ['tampered', client, { limit: 1, cursor: flipped }],
    ['garbage', client, { limit: 1, cursor: 'not-a-cursor' }],
    ['other filter', client, { limit: 1, cursor, status: 'closed' }],
    ['other caller', await as(project.master), { limit: 1, cursor }],
  ];
  for (const [name, api, query] of cases) {
    const { response, error } = await api.GET('/disputes', { params: { query: query as never } });
    expect(response.status, name).toBe(400);
    expect((error as { errors?: { path: string }[] }).errors?.[0]?.path, name).toBe('query.cursor');
  }
});

test('bad query parameters are 400 and name the parameter', async ({ as }) => {
  const client = await as(poolProject(4).client);
  for (const [query, path] of [
    [{ limit: 0 }, 'query.limit'],
    [{ limit: 101 }, 'query.limit'],
    [{ limit: 'ten' }, 'query.limit'],
    [{ status: 'pending' }, 'query.status'],
  ] as const) {
    const { response, error } = await client.GET('/disputes', { params: { query: query as never } });
    expect(response.status).toBe(400);
    expect((error as { errors?: { path: string }[] }).errors?.map((e) => e.path)).toContain(path);
  }
});
