// The published mobile app's requests, row by row (docs/mobile-app-compatibility.md):
// each works as the app means it, or gets a documented 4xx whose message names
// the contract's way; never a silent ignore, never a 5xx.
import type { APIRequestContext } from '@playwright/test';
import type { DisputeList, EvidenceUpload, MessageList, Problem } from '../contracts/api.ts';
import { evidenceForm, PNG } from './support/evidence-files.ts';
import { expect, test } from './support/fixtures.ts';
import { admin, clientA, freshProject, mediator, type TestUser } from './support/test-users.ts';
import { tokenFor } from './support/tokens.ts';

/** A raw request as the app's axios client sends it (not the typed client: these are not the contract's shapes). */
async function appSends(request: APIRequestContext, user: TestUser, method: string, url: string, data?: unknown) {
  const response = await request.fetch(url, {
    method,
    headers: { authorization: `Bearer ${await tokenFor(user)}`, ...(data === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(data === undefined ? {} : { data: JSON.stringify(data) }),
  });
  return { status: response.status(), body: (await response.json()) as Problem };
}

const messageAt = (problem: Problem, path: string) => problem.errors?.find((error) => error.path === path)?.message ?? '';

test('row 1: the filters the app sends are refused, naming the parameters the list takes; its paging works from the first page', async ({
  request,
  as,
}) => {
  for (const [query, hint] of [
    ['priority=high', /filter by status only/],
    ['role=initiator', /filter by status/],
    ['ordering=-created_at', /newest first/],
  ] as const) {
    const { status, body } = await appSends(request, clientA, 'GET', `/disputes?status=open&${query}`);
    expect(status, query).toBe(400);
    const message = messageAt(body, `query.${query.split('=')[0]}`);
    expect(message, query).toMatch(/^Unknown query parameter; this operation takes status, limit, cursor/);
    expect(message, query).toMatch(hint);
    expect(body.message, 'the app shows message: it is the detail, with the hint').toBe(body.detail);
    expect(body.message).toContain(message);
  }
  expect((await appSends(request, clientA, 'GET', '/disputes?status=open')).status, 'status is the contract’s filter').toBe(200);

  // Six disputes of the test's own project: more than one page of five.
  const project = freshProject();
  const client = await as(project.client);
  for (let round = 0; round < 6; round += 1) {
    const opened = await client.POST('/disputes', { body: { project: project.id, reason: 'scope', description: `Round ${round}` } });
    expect(opened.response.status).toBe(201);
    const closed = await client.POST('/disputes/{id}/close', { params: { path: { id: opened.data!.id } } });
    expect(closed.data?.status).toBe('closed');
  }
  const first = await appSends(request, project.client, 'GET', '/disputes?page=1&page_size=5');
  expect(first.status).toBe(200);
  expect((first.body as unknown as DisputeList).results).toHaveLength(5);
  expect((first.body as unknown as DisputeList).next_cursor, 'page_size took effect: a next page').not.toBeNull();

  const later = await appSends(request, project.client, 'GET', '/disputes?page=2&page_size=5');
  expect(later.status).toBe(400);
  expect(messageAt(later.body, 'query.page')).toMatch(/send the next_cursor of the previous page as cursor/);
  expect(later.body.message).toBe(later.body.detail);
});

test('row 2: get works as the app sends it', async ({ request, openDispute }) => {
  const { dispute, initiator } = await openDispute();
  const { status, body } = await appSends(request, initiator, 'GET', `/disputes/${dispute.id}`);
  expect(status).toBe(200);
  expect(body).toMatchObject({ id: dispute.id });
});

test('row 3: create works with the JSON body; as multipart with evidence_files it is a 415 saying to send JSON', async ({
  openDispute,
  request,
  as,
}) => {
  const { dispute } = await openDispute({ body: { reason: 'quality', description: 'Cracked tiles', amount_disputed: '150.00' } });
  expect(dispute.amount_disputed).toBe('150.00');
  const form = await request.post('/disputes', {
    headers: { authorization: `Bearer ${await tokenFor(clientA)}` },
    multipart: { project: '1', reason: 'quality', description: 'x', evidence_files: { name: 'a.png', mimeType: 'image/png', buffer: PNG } },
  });
  expect(form.status()).toBe(415);
  expect(((await form.json()) as Problem).detail).toMatch(/application\/json/);
  // The files go to the evidence route once the dispute is open.
  const files = await (await as(clientA)).POST('/disputes/{id}/evidence', {
    params: { path: { id: dispute.id } },
    ...evidenceForm({ name: 'a.png', type: 'image/png', bytes: PNG }),
  });
  expect(files.response.status).toBe(201);
});

test("row 4: PUT …/status is API Gateway's own 404 (the contract's route is PATCH)", async ({ request, openDispute }) => {
  const { dispute } = await openDispute();
  const { status, body } = await appSends(request, mediator, 'PUT', `/disputes/${dispute.id}/status`, { status: 'in_mediation' });
  expect(status).toBe(404);
  expect(body).toEqual({ message: 'Not Found' });
});

test('row 5: close with {resolution} closes, the resolution read as the reason', async ({ request, openDispute }) => {
  const { dispute, initiator } = await openDispute();
  const { status, body } = await appSends(request, initiator, 'POST', `/disputes/${dispute.id}/close`, {
    resolution: 'Settled between us',
  });
  expect(status).toBe(200);
  expect(body).toMatchObject({ id: dispute.id, status: 'closed' });
  const other = await openDispute();
  const both = await appSends(request, other.initiator, 'POST', `/disputes/${other.dispute.id}/close`, {
    reason: 'Settled',
    resolution: 'Done',
  });
  expect(both.status, 'a reason and a resolution: one field, one meaning').toBe(400);
  expect(messageAt(both.body, 'body.resolution')).toMatch(/a reason goes in reason/);
  expect((await appSends(request, other.initiator, 'POST', `/disputes/${other.dispute.id}/close`, { reason: 'Settled' })).status).toBe(200);
});

test('row 6: rejecting a proposal through close is a 400 saying a party rejects by escalating', async ({ request, openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const staff = await as(mediator);
  expect((await staff.POST('/disputes/{id}/mediate', { params: { path: { id: dispute.id } } })).response.status).toBe(200);
  const proposal = await staff.PATCH('/disputes/{id}/status', {
    params: { path: { id: dispute.id } },
    body: { resolution: 'Redo the tiles', resolution_type: 'redo_work' },
  });
  expect(proposal.data?.resolution, 'a proposal is on the table').toBe('Redo the tiles');
  const { status, body } = await appSends(request, initiator, 'POST', `/disputes/${dispute.id}/close`, {
    resolution: 'rejected',
    reason: 'No',
  });
  expect(status).toBe(400);
  expect(messageAt(body, 'body.resolution')).toMatch(/rejects a proposal by escalating: POST \/disputes\/\{id\}\/escalate/);
  const escalated = await appSends(request, initiator, 'POST', `/disputes/${dispute.id}/escalate`, { reason: 'No' });
  expect(escalated.status).toBe(200);
});

test('row 7: escalate works as the app sends it', async ({ request, openDispute }) => {
  const { dispute, initiator } = await openDispute();
  const { status, body } = await appSends(request, initiator, 'POST', `/disputes/${dispute.id}/escalate`, {
    reason: 'No answer for a week',
  });
  expect(status).toBe(200);
  expect(body).toMatchObject({ status: 'escalated' });
});

test('row 8: messages page from the first page as the app pages them, later pages by cursor; sending works, is_internal for staff', async ({
  request,
  openDispute,
}) => {
  const { dispute, initiator } = await openDispute();
  for (let sent = 0; sent < 5; sent += 1) {
    expect((await appSends(request, initiator, 'POST', `/disputes/${dispute.id}/messages`, { message: `Hello ${sent}` })).status).toBe(201);
  }
  // Five sent and the opening's system message: more than one page of five.
  const list = await appSends(request, initiator, 'GET', `/disputes/${dispute.id}/messages?page=1&page_size=5`);
  expect(list.status).toBe(200);
  const page = list.body as unknown as MessageList;
  expect(page.results).toHaveLength(5);
  expect(page.next_cursor).not.toBeNull();
  const later = await appSends(request, initiator, 'GET', `/disputes/${dispute.id}/messages?page=2&page_size=5`);
  expect(later.status).toBe(400);
  expect(messageAt(later.body, 'query.page')).toMatch(/as cursor/);
  const mixed = await appSends(request, initiator, 'GET', `/disputes/${dispute.id}/messages?limit=5&page_size=20`);
  expect(mixed.status).toBe(400);
  expect(messageAt(mixed.body, 'query.page_size')).toMatch(/limit and page_size differ/);

  expect(
    (await appSends(request, initiator, 'POST', `/disputes/${dispute.id}/messages`, { message: 'Hi', is_internal: true })).status,
  ).toBe(403);
  expect((await appSends(request, admin, 'POST', `/disputes/${dispute.id}/messages`, { message: 'Note', is_internal: true })).status).toBe(
    201,
  );
});

test('row 9: evidence upload works as multipart; the delete the app sends is a 400 saying evidence is never deleted', async ({
  request,
  openDispute,
  as,
}) => {
  const { dispute, initiator } = await openDispute();
  const upload = await (await as(initiator)).POST('/disputes/{id}/evidence', {
    params: { path: { id: dispute.id } },
    ...evidenceForm({ name: 'floor.png', type: 'image/png', bytes: PNG }),
  });
  expect(upload.response.status).toBe(201);
  const token = await tokenFor(initiator);
  const renamed = await request.post(`/disputes/${dispute.id}/evidence`, {
    headers: { authorization: `Bearer ${token}` },
    multipart: { files: { name: 'wall.png', mimeType: 'image/png', buffer: PNG }, description: 'The wall' },
  });
  expect(renamed.status(), 'the one file part, under the field name the app gives it').toBe(201);
  expect(((await renamed.json()) as EvidenceUpload).evidence).toMatchObject({ file_name: 'wall.png' });
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'a.png');
  form.append('files', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'b.png');
  const two = await request.post(`/disputes/${dispute.id}/evidence`, { headers: { authorization: `Bearer ${token}` }, multipart: form });
  expect(two.status(), 'two file parts').toBe(400);
  expect(messageAt((await two.json()) as Problem, 'body.file')).toMatch(/exactly one file part/);
  const { status, body } = await appSends(request, initiator, 'POST', `/disputes/${dispute.id}/evidence`, {
    action: 'delete',
    fileId: upload.data!.evidence.id,
  });
  expect(status).toBe(400);
  expect(messageAt(body, 'body.action')).toMatch(/evidence is never deleted/);
});

test('row 10: accept works as the app sends it, with no body', async ({ request, openDispute, as }) => {
  const { dispute, initiator, respondent } = await openDispute();
  const staff = await as(mediator);
  await staff.POST('/disputes/{id}/mediate', { params: { path: { id: dispute.id } } });
  await staff.PATCH('/disputes/{id}/status', {
    params: { path: { id: dispute.id } },
    body: { resolution: 'Refund half', resolution_type: 'partial_refund', amount_resolved: '75.00' },
  });
  expect((await appSends(request, initiator, 'POST', `/disputes/${dispute.id}/accept`)).status).toBe(200);
  const both = await appSends(request, respondent, 'POST', `/disputes/${dispute.id}/accept`);
  expect(both.status).toBe(200);
  expect(both.body).toMatchObject({ status: 'resolved' });
});

test("row 11: POST …/mediation is API Gateway's own 404 (the contract's route is /mediate)", async ({ request, openDispute }) => {
  const { dispute, initiator } = await openDispute();
  const { status, body } = await appSends(request, initiator, 'POST', `/disputes/${dispute.id}/mediation`);
  expect(status).toBe(404);
  expect(body).toEqual({ message: 'Not Found' });
});
