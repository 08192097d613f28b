import type { ApiClient } from './support/api-client.ts';
import { allPages } from './support/pagination.ts';
import { mediator, outsider } from './support/test-users.ts';
import { expect, test } from './support/fixtures.ts';

const at = (id: number) => ({ params: { path: { id } } });

const allMessages = (api: ApiClient, id: number, limit: number) =>
  allPages((cursor) => api.GET('/disputes/{id}/messages', { params: { path: { id }, query: { limit, cursor } } }));

test('parties exchange messages, oldest first, across full pages', async ({ openDispute, as }) => {
  const { dispute, initiator, respondent } = await openDispute();
  const client = await as(initiator);
  const master = await as(respondent);
  for (let n = 1; n <= 7; n += 1) {
    const author = n % 2 ? client : master;
    const sent = await author.POST('/disputes/{id}/messages', { ...at(dispute.id), body: { message: `message ${n}` } });
    expect(sent.response.status).toBe(201);
    expect(sent.data).toMatchObject({
      dispute_id: dispute.id,
      message: `message ${n}`,
      is_internal: false,
      is_system: false,
      sender: { id: n % 2 ? initiator.id : respondent.id },
    });
  }

  const { pages, counts } = await allMessages(master, dispute.id, 3);
  const all = pages.flat();
  expect(pages.slice(0, -1).every((page) => page.length === 3)).toBe(true);
  expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
  expect(counts.every((count) => count === all.length)).toBe(true);
  expect(all.filter((m) => !m.is_system).map((m) => m.message)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `message ${n}`));
  expect(all.map((m) => m.id)).toEqual([...all.map((m) => m.id)].sort((a, b) => a - b));

  const refreshed = await client.GET('/disputes/{id}', at(dispute.id));
  expect(refreshed.data?.messages_count).toBe(all.length);
});

test('staff-only messages never reach the parties', async ({ openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const client = await as(initiator);
  const staff = await as(mediator);
  const internal = await staff.POST('/disputes/{id}/messages', {
    ...at(dispute.id),
    body: { message: 'Client seems right', is_internal: true },
  });
  expect(internal.data).toMatchObject({ is_internal: true, sender: { id: mediator.id, role: 'mediator' } });
  await staff.POST('/disputes/{id}/messages', { ...at(dispute.id), body: { message: 'Hello both' } });

  const partyView = (await allMessages(client, dispute.id, 100)).pages.flat();
  expect(partyView.map((m) => m.message)).toContain('Hello both');
  expect(partyView.some((m) => m.is_internal)).toBe(false);
  const staffView = (await allMessages(staff, dispute.id, 100)).pages.flat();
  expect(staffView.length).toBe(partyView.length + 1);

  const partyInternal = await client.POST('/disputes/{id}/messages', { ...at(dispute.id), body: { message: 'psst', is_internal: true } });
  expect(partyInternal.response.status).toBe(403);
});

test('bad message bodies are 400; strangers get 404', async ({ openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const client = await as(initiator);
  for (const body of [{}, { message: '' }, { message: 42 }, { message: 'x'.repeat(5001) }, { message: 'hi', extra: true }]) {
    const { response } = await client.POST('/disputes/{id}/messages', { ...at(dispute.id), body: body as never });
    expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
  }
  const stranger = await as(outsider);
  expect((await stranger.GET('/disputes/{id}/messages', at(dispute.id))).response.status).toBe(404);
  expect((await stranger.POST('/disputes/{id}/messages', { ...at(dispute.id), body: { message: 'hi' } })).response.status).toBe(404);
});

test('messages sent at the same moment all land, each with its own id', async ({ openDispute, as }) => {
  const { dispute, initiator, respondent } = await openDispute();
  const client = await as(initiator);
  const master = await as(respondent);
  const sent = await Promise.all(
    Array.from({ length: 12 }, (_, n) =>
      (n % 2 ? client : master).POST('/disputes/{id}/messages', { ...at(dispute.id), body: { message: `burst ${n}` } }),
    ),
  );
  expect(sent.map((reply) => reply.response.status)).toEqual(Array(12).fill(201));
  expect(new Set(sent.map((reply) => reply.data!.id)).size).toBe(12);
  const listed = (await allMessages(client, dispute.id, 100)).pages.flat();
  expect(listed.filter((m) => m.message.startsWith('burst ')).length).toBe(12);
});

test('a request bad in several parts is one 400 naming each field', async ({ as }) => {
  const api = await as(outsider);
  const { response, error } = await api.POST('/disputes/{id}/messages', {
    params: { path: { id: 'abc' as unknown as number }, header: { 'Idempotency-Key': 'has space' } },
    body: { message: '', colour: 'red' } as never,
  });
  expect(response.status).toBe(400);
  expect(error).toMatchObject({ code: 'validation_failed' });
  const paths = (error as { errors?: { path: string }[] }).errors?.map((e) => e.path);
  expect(paths).toEqual(['path.id', 'header.idempotency-key', 'body.message', 'body.colour']);
});
