import { admin, mediator } from './support/test-users.ts';
import { expect, test } from './support/fixtures.ts';
import { targetIsLocal } from './support/tokens.ts';

const at = (id: number) => ({ params: { path: { id } } });

test('open → mediation → proposal → both accept → resolved → closed', async ({ openDispute, as }) => {
  const { dispute, project, initiator, respondent } = await openDispute();
  const client = await as(initiator);
  const master = await as(respondent);
  const staff = await as(mediator);

  const mediated = await client.POST('/disputes/{id}/mediate', { ...at(dispute.id), body: { note: 'Please help' } });
  expect(mediated.response.status).toBe(200);
  expect(mediated.data).toMatchObject({ status: 'in_mediation', version: 2 });

  const proposed = await staff.PATCH('/disputes/{id}/status', {
    ...at(dispute.id),
    body: { resolution: 'Redo the tiling within a week', resolution_type: 'partial_refund', amount_resolved: '50' },
  });
  expect(proposed.response.status).toBe(200);
  expect(proposed.data).toMatchObject({
    status: 'in_mediation',
    resolution: 'Redo the tiling within a week',
    resolution_type: 'partial_refund',
    amount_resolved: '50.00',
    accepted_by: [],
    mediator: { id: mediator.id, role: 'mediator' },
  });

  const clientView = await client.GET('/disputes/{id}', at(dispute.id));
  expect(clientView.data?.allowed_actions).toContain('accept');

  const firstAccept = await client.POST('/disputes/{id}/accept', at(dispute.id));
  expect(firstAccept.data).toMatchObject({ status: 'in_mediation', accepted_by: [initiator.id] });
  expect(firstAccept.data?.allowed_actions).not.toContain('accept');

  const again = await client.POST('/disputes/{id}/accept', at(dispute.id));
  expect(again.response.status).toBe(409);

  const secondAccept = await master.POST('/disputes/{id}/accept', at(dispute.id));
  expect(secondAccept.data).toMatchObject({ status: 'resolved', resolution_type: 'partial_refund' });
  expect(secondAccept.data?.resolved_at).toEqual(expect.any(String));

  const message = await client.POST('/disputes/{id}/messages', { ...at(dispute.id), body: { message: 'Thanks' } });
  expect(message.response.status, 'messages only while the dispute is active').toBe(409);

  const closed = await master.POST('/disputes/{id}/close', at(dispute.id));
  expect(closed.data).toMatchObject({ status: 'closed' });
  expect(closed.data?.closed_at).toEqual(expect.any(String));
  expect(closed.data?.version).toBeGreaterThan(secondAccept.data!.version);

  const list = await client.GET('/disputes', { params: { query: { status: 'closed' } } });
  expect(list.data?.results.map((d) => d.id)).toContain(dispute.id);
  expect(project.id).toBe(dispute.project.id);
});

test('the initiator withdraws an open dispute; the respondent may not', async ({ openDispute, as }) => {
  const { dispute, initiator, respondent } = await openDispute({ by: 'master' });
  const refused = await (await as(respondent)).POST('/disputes/{id}/close', at(dispute.id));
  expect(refused.response.status).toBe(409);
  expect(refused.error).toMatchObject({ status: 409, allowed_actions: expect.arrayContaining(['mediate', 'escalate']) });
  expect((refused.error as { allowed_actions: string[] }).allowed_actions).not.toContain('close');

  const withdrawn = await (await as(initiator)).POST('/disputes/{id}/close', { ...at(dispute.id), body: { reason: 'We talked it over' } });
  expect(withdrawn.data).toMatchObject({ status: 'closed', version: 2 });
  expect(withdrawn.data?.allowed_actions).toEqual(['view']);
});

test('escalation needs a reason, raises priority, clears a proposal; an admin decides', async ({ openDispute, as }) => {
  const { dispute, initiator, respondent } = await openDispute({ body: { priority: 'medium' } });
  const master = await as(respondent);

  const noReason = await master.POST('/disputes/{id}/escalate', { ...at(dispute.id), body: {} as never });
  expect(noReason.response.status).toBe(400);

  const staff = await as(mediator);
  expect((await staff.POST('/disputes/{id}/mediate', at(dispute.id))).response.status).toBe(200);
  const proposed = await staff.PATCH('/disputes/{id}/status', {
    ...at(dispute.id),
    body: { resolution: 'Split the cost', resolution_type: 'compensation', amount_resolved: 20 },
  });
  expect(proposed.data).toMatchObject({ status: 'in_mediation', resolution: 'Split the cost' });

  const escalated = await master.POST('/disputes/{id}/escalate', { ...at(dispute.id), body: { reason: 'The proposal is unfair' } });
  expect(escalated.data).toMatchObject({
    status: 'escalated',
    priority: 'high',
    escalation_reason: 'The proposal is unfair',
    resolution: null,
  });

  const byMediator = await staff.PATCH('/disputes/{id}/status', {
    ...at(dispute.id),
    body: { status: 'resolved', resolution: 'Full refund', resolution_type: 'refund', amount_resolved: '150.00' },
  });
  expect(byMediator.response.status, 'a binding decision is an admin tool').toBe(403);

  const byParty = await (await as(initiator)).PATCH('/disputes/{id}/status', { ...at(dispute.id), body: { status: 'closed' } });
  expect(byParty.response.status).toBe(403);

  const decided = await (await as(admin)).PATCH('/disputes/{id}/status', {
    ...at(dispute.id),
    body: { status: 'resolved', resolution: 'Full refund', resolution_type: 'refund', amount_resolved: '150.00' },
  });
  expect(decided.data).toMatchObject({ status: 'resolved', resolution_type: 'refund', amount_resolved: '150.00' });
});

test('an illegal transition is 409 with what the caller may do instead', async ({ openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const accept = await (await as(initiator)).POST('/disputes/{id}/accept', at(dispute.id));
  expect(accept.response.status).toBe(409);
  expect((accept.error as { allowed_actions: string[] }).allowed_actions).toEqual(
    expect.arrayContaining(['view', 'mediate', 'escalate', 'close', 'send_message', 'add_evidence']),
  );
});

test('If-Match with a stale version is 412; with the current one it goes through', async ({ openDispute, as }) => {
  const { dispute, initiator } = await openDispute();
  const api = await as(initiator);
  const stale = await api.POST('/disputes/{id}/mediate', { params: { path: { id: dispute.id }, header: { 'If-Match': '7' } } });
  expect(stale.response.status).toBe(412);
  const current = await api.POST('/disputes/{id}/mediate', {
    params: { path: { id: dispute.id }, header: { 'If-Match': String(dispute.version) } },
  });
  expect(current.data).toMatchObject({ status: 'in_mediation', version: dispute.version + 1 });
});

test('two conflicting actions at once: exactly one wins, the other is 409', async ({ openDispute, as }) => {
  const { dispute, initiator, respondent } = await openDispute();
  const client = await as(initiator);
  const master = await as(respondent);
  // The initiator withdraws while the respondent escalates, several times over.
  const outcomes = await Promise.all([
    client.POST('/disputes/{id}/close', at(dispute.id)),
    master.POST('/disputes/{id}/escalate', { ...at(dispute.id), body: { reason: 'No answer' } }),
    client.POST('/disputes/{id}/close', at(dispute.id)),
    master.POST('/disputes/{id}/escalate', { ...at(dispute.id), body: { reason: 'Still no answer' } }),
  ]);
  const statuses = outcomes.map((outcome) => outcome.response.status).sort();
  expect(statuses).toEqual([200, 409, 409, 409]);
  const final = await client.GET('/disputes/{id}', at(dispute.id));
  expect(final.data?.version).toBe(2);
});

test('50 parallel mediate and escalate requests on one dispute: one 200 per state change, the rest 409, never a 5xx; the requests overlapped', async ({
  openDispute,
  as,
  request,
}) => {
  test.setTimeout(120_000);
  // open → in_mediation (mediate) → escalated (escalate): at most two state changes, whatever the order.
  const race = async () => {
    const { dispute, initiator, respondent } = await openDispute();
    const clients = [await as(initiator), await as(respondent)];
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const api = clients[i % 2]!;
        return i % 2 === 0
          ? api.POST('/disputes/{id}/mediate', at(dispute.id))
          : api.POST('/disputes/{id}/escalate', { ...at(dispute.id), body: { reason: `Race ${i}` } });
      }),
    );
    const statuses = outcomes.map((outcome) => outcome.response.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    const final = await clients[0]!.GET('/disputes/{id}', at(dispute.id));
    const changes = final.data!.version - dispute.version;
    expect(changes).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(changes);
    expect(statuses.filter((status) => status === 409)).toHaveLength(50 - changes);
  };
  // The first race starts the functions' environments (a few at a time, each taking its request when ready);
  // the second finds them warm and hands them requests at once, as a deployed stage's warm environments get them.
  await race();
  // Locally, the emulator counts the writes DynamoDB refused for a condition: requests overlapped when some were.
  const writeConflicts = async () => {
    const counts = (await (await request.get('/_console/api/dynamodb/write-conflicts')).json()) as Record<string, number>;
    return counts['conditionalCheckFailed']! + counts['transactionsCanceled']!;
  };
  const conflictsBefore = targetIsLocal ? await writeConflicts() : 0;
  await race();
  // Two read the same version and DynamoDB refused the later write: contended-write.ts's retry ran end to end.
  if (targetIsLocal) expect(await writeConflicts()).toBeGreaterThan(conflictsBefore);
});
