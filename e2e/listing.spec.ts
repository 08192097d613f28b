// The suite's identities are shared by every test of a run and by other runs
// on the same stage, so a list holds more than one test's disputes and its
// `count` moves while a test reads it: tests look for their own disputes on
// the first pages (lists are newest first) and check order, page sizes and
// filters, never a total. Exact counters are tested against the table in
// handlers/use-cases/dispute-counters.test.ts.
import type { Dispute } from '../contracts/api.ts';
import type { ApiClient } from './support/api-client.ts';
import { pagesHolding } from './support/pagination.ts';
import { clientA, freshProject, mediator } from './support/test-users.ts';
import { expect, test } from './support/fixtures.ts';

/** Lists sort on the creation time, then the id (the membership item's sort key). */
const sortKey = (dispute: Dispute) => `${dispute.created_at}#${String(dispute.id).padStart(12, '0')}`;
const newestFirst = (disputes: Dispute[]) => disputes.every((dispute, i) => i === 0 || sortKey(disputes[i - 1]!) > sortKey(dispute));

test('a party lists its disputes newest first, in full pages, with status filters', async ({ as }) => {
  const project = freshProject();
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
    const { pages, counts } = await pagesHolding(api, created, { limit: 2 });
    const read = pages.flat();
    expect(
      pages.slice(0, -1).every((page) => page.length === 2),
      'every page but the last is full',
    ).toBe(true);
    expect(newestFirst(read)).toBe(true);
    expect(read.filter((d) => created.includes(d.id)).map((d) => d.id)).toEqual([...created].reverse());
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(created.length);
  }

  const closed = await pagesHolding(client, created.slice(0, 4), { status: 'closed', limit: 3 });
  expect(closed.pages.flat().every((d) => d.status === 'closed')).toBe(true);
  expect(closed.counts[0]).toBeGreaterThanOrEqual(4);

  const open = await pagesHolding(master, [created[4]!], { status: 'open', limit: 10 });
  expect(open.pages.flat().every((d) => d.status === 'open')).toBe(true);
  expect(
    open.pages
      .flat()
      .filter((d) => created.includes(d.id))
      .map((d) => d.id),
  ).toEqual([created[4]]);
});

test('staff list every dispute; a status filter returns only that status', async ({ openDispute, as }) => {
  const { dispute } = await openDispute();
  const staff = await as(mediator);
  const { pages, counts } = await pagesHolding(staff, [dispute.id], { status: 'open', limit: 100 });
  expect(pages.flat().filter((d) => d.status !== 'open')).toEqual([]);
  expect(pages.flat().map((d) => d.id)).toContain(dispute.id);
  expect(counts[0]).toBeGreaterThanOrEqual(pages[0]!.length);
});

test('cursors are opaque and bound to the caller and the filter: tampering is a 400', async ({ as }) => {
  const project = freshProject();
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
  const client = await as(clientA);
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
