// Idempotency-Key on POST (DESIGN: same key + same body within 24 h replays
// the first response; same key + different body is a 422).
import { randomUUID } from 'node:crypto';
import { pagesHolding } from './support/pagination.ts';
import { clientA, freshProject, mediator } from './support/test-users.ts';
import { expect, test } from './support/fixtures.ts';

test('a retried create with the same key answers the first response and creates nothing more', async ({ as }) => {
  const project = freshProject();
  const api = await as(project.client);
  const key = randomUUID();
  const body = { project: project.id, reason: 'quality' as const, description: 'Retried on a flaky network' };
  const first = await api.POST('/disputes', { params: { header: { 'Idempotency-Key': key } }, body });
  expect(first.response.status).toBe(201);
  expect(first.response.headers.get('idempotent-replayed')).toBeNull();

  const retry = await api.POST('/disputes', { params: { header: { 'Idempotency-Key': key } }, body });
  expect(retry.response.status).toBe(201);
  expect(retry.response.headers.get('idempotent-replayed')).toBe('true');
  expect(retry.data).toEqual(first.data);

  // Newest first: a second dispute of the project would come before the first one.
  const { pages } = await pagesHolding(api, [first.data!.id], { limit: 20 });
  expect(
    pages
      .flat()
      .filter((d) => d.project.id === project.id)
      .map((d) => d.id),
  ).toEqual([first.data!.id]);

  const reused = await api.POST('/disputes', {
    params: { header: { 'Idempotency-Key': key } },
    body: { ...body, description: 'Something else' },
  });
  expect(reused.response.status).toBe(422);
  expect(reused.error).toMatchObject({ code: 'idempotency_key_reused' });

  // Without a key, the one-active-dispute rule answers as usual.
  expect((await api.POST('/disputes', { body })).response.status).toBe(409);
});

test('a retried message is stored once; keys are per caller; a problem is replayed too', async ({ openDispute, as }) => {
  const { dispute, initiator, respondent } = await openDispute();
  const client = await as(initiator);
  const master = await as(respondent);
  const key = randomUUID();
  const send = (api: typeof client, message: string) =>
    api.POST('/disputes/{id}/messages', { params: { path: { id: dispute.id }, header: { 'Idempotency-Key': key } }, body: { message } });

  const first = await send(client, 'Only once, please');
  expect(first.response.status).toBe(201);
  const again = await send(client, 'Only once, please');
  expect(again.response.headers.get('idempotent-replayed')).toBe('true');
  expect(again.data).toEqual(first.data);
  const other = await send(master, 'Only once, please');
  expect(other.response.status).toBe(201);
  expect(other.data?.id).not.toBe(first.data?.id);

  const messages = await (await as(mediator)).GET('/disputes/{id}/messages', {
    params: { path: { id: dispute.id }, query: { limit: 100 } },
  });
  expect(messages.data!.results.filter((m) => m.message === 'Only once, please')).toHaveLength(2);

  const acceptKey = randomUUID();
  const accept = () =>
    client.POST('/disputes/{id}/accept', { params: { path: { id: dispute.id }, header: { 'Idempotency-Key': acceptKey } } });
  const refused = await accept();
  expect(refused.response.status).toBe(409);
  const replayed = await accept();
  expect(replayed.response.status).toBe(409);
  expect(replayed.response.headers.get('idempotent-replayed')).toBe('true');
});

test('a malformed key is a 400 naming the header', async ({ as }) => {
  const api = await as(clientA);
  const { response, error } = await api.POST('/disputes', {
    params: { header: { 'Idempotency-Key': 'x'.repeat(256) } },
    body: { project: freshProject().id, reason: 'quality', description: 'x' },
  });
  expect(response.status).toBe(400);
  expect((error as { errors: { path: string }[] }).errors[0]?.path).toBe('header.idempotency-key');
});

test('the same key sent twice at once does the work once', async ({ as }) => {
  const project = freshProject();
  const api = await as(project.master);
  const key = randomUUID();
  const body = { project: project.id, reason: 'deadline' as const, description: 'Double tap' };
  const replies = await Promise.all([1, 2, 3].map(() => api.POST('/disputes', { params: { header: { 'Idempotency-Key': key } }, body })));
  const statuses = replies.map((reply) => reply.response.status);
  // Each is the first answer, its replay, or "still in progress" — never a second dispute.
  expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
  expect(statuses).toContain(201);
  for (const reply of replies.filter((r) => r.response.status === 409)) {
    expect(reply.error).toMatchObject({ code: 'idempotency_request_in_progress' });
  }
  const ids = new Set(replies.filter((r) => r.response.status === 201).map((r) => r.data!.id));
  expect(ids.size, 'every 201 is the same dispute').toBe(1);
  const [id] = [...ids] as [number];
  const { pages } = await pagesHolding(api, [id], { limit: 20 });
  expect(
    pages
      .flat()
      .filter((d) => d.project.id === project.id)
      .map((d) => d.id),
  ).toEqual([id]);
});
