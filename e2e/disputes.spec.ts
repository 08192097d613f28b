import { admin, clientA, clientB, freshProject, mediator, outsider } from './support/test-users.ts';
import { expect, test } from './support/fixtures.ts';

test.describe('POST /disputes', () => {
  test('accepts the body the mobile app sends and answers with its field names', async ({ openDispute, as }) => {
    const { dispute, project, initiator, respondent } = await openDispute({
      body: { reason: 'quality', description: 'Test dispute', amount_disputed: 150 },
    });
    expect(dispute).toMatchObject({
      project: { id: project.id, title: expect.any(String) },
      initiator: { id: initiator.id, role: 'client' },
      respondent: { id: respondent.id, role: 'master' },
      reason: 'quality',
      description: 'Test dispute',
      status: 'open',
      priority: 'medium',
      amount_disputed: '150.00',
      resolution: null,
      version: 1,
    });
    expect(dispute.allowed_actions).toEqual(expect.arrayContaining(['mediate', 'escalate', 'close', 'send_message', 'add_evidence']));

    const read = await (await as(respondent)).GET('/disputes/{id}', { params: { path: { id: dispute.id } } });
    expect(read.response.status).toBe(200);
    expect(read.data).toMatchObject({ id: dispute.id, status: 'open', version: 1 });
    // The respondent may not withdraw the initiator's dispute.
    expect(read.data?.allowed_actions).not.toContain('close');
  });

  test('takes the project id as a numeric string and a decimal amount string', async ({ as }) => {
    const project = freshProject();
    const api = await as(project.master);
    const first = await api.POST('/disputes', {
      body: { project: String(project.id), reason: 'payment', description: 'Unpaid invoice', amount_disputed: '99.5', priority: 'high' },
    });
    expect(first.response.status).toBe(201);
    expect(first.data).toMatchObject({ amount_disputed: '99.50', priority: 'high', initiator: { id: project.master.id, role: 'master' } });
    const withdrawn = await api.POST('/disputes/{id}/close', { params: { path: { id: first.data!.id } } });
    expect(withdrawn.data?.status).toBe('closed');
  });

  const badBodies: [string, Record<string, unknown>, string][] = [
    ['missing reason', { project: 1000, description: 'x' }, 'body.reason'],
    ['unknown reason', { project: 1000, reason: 'boredom', description: 'x' }, 'body.reason'],
    ['empty description', { project: 1000, reason: 'quality', description: '' }, 'body.description'],
    ['project not a number', { project: 'abc', reason: 'quality', description: 'x' }, 'body.project'],
    [
      'amount with three decimals',
      { project: 1000, reason: 'quality', description: 'x', amount_disputed: '1.234' },
      'body.amount_disputed',
    ],
    ['negative amount', { project: 1000, reason: 'quality', description: 'x', amount_disputed: -5 }, 'body.amount_disputed'],
    ['unknown field', { project: 1000, reason: 'quality', description: 'x', colour: 'red' }, 'body'],
  ];
  for (const [name, body, path] of badBodies) {
    test(`400 names the field: ${name}`, async ({ as }) => {
      const api = await as(clientA);
      const { response, error } = await api.POST('/disputes', { body: body as never });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(error).toMatchObject({ status: 400 });
      const paths = (error as { errors?: { path: string }[] }).errors?.map((e) => e.path) ?? [];
      expect(paths.some((p) => p.startsWith(path))).toBe(true);
    });
  }

  test('400 for a body that is not JSON', async ({ request }) => {
    const { tokenFor } = await import('./support/tokens.ts');
    const response = await request.post('/disputes', {
      headers: { authorization: `Bearer ${await tokenFor(clientA)}`, 'content-type': 'application/json' },
      data: '{"project": 123,',
    });
    expect(response.status()).toBe(400);
    expect(response.headers()['content-type']).toContain('application/problem+json');
  });

  test('staff cannot open a dispute (403); a stranger to the project gets 404', async ({ as }) => {
    const project = freshProject();
    const asMediator = await as(mediator);
    const byStaff = await asMediator.POST('/disputes', { body: { project: project.id, reason: 'quality', description: 'x' } });
    expect(byStaff.response.status).toBe(403);
    const byStranger = await (await as(outsider)).POST('/disputes', { body: { project: project.id, reason: 'quality', description: 'x' } });
    expect(byStranger.response.status).toBe(404);
    const byOtherSide = await (await as(clientB)).POST('/disputes', { body: { project: project.id, reason: 'quality', description: 'x' } });
    expect(byOtherSide.response.status, 'a party of other projects is a stranger to this one').toBe(404);
    const unknownProject = await (await as(project.client)).POST('/disputes', {
      body: { project: 99_999_999, reason: 'quality', description: 'x' },
    });
    expect(unknownProject.response.status).toBe(404);
  });

  test('one active dispute per project: a second one is 409, a new one after closing is fine', async ({ openDispute, as }) => {
    const { dispute, project, initiator, respondent } = await openDispute();
    const second = await (await as(respondent)).POST('/disputes', {
      body: { project: project.id, reason: 'deadline', description: 'Late' },
    });
    expect(second.response.status).toBe(409);

    const api = await as(initiator);
    const closed = await api.POST('/disputes/{id}/close', { params: { path: { id: dispute.id } }, body: { reason: 'Settled' } });
    expect(closed.data?.status).toBe('closed');
    const again = await api.POST('/disputes', { body: { project: project.id, reason: 'deadline', description: 'Late again' } });
    expect(again.response.status).toBe(201);
    expect(again.data?.id).toBeGreaterThan(dispute.id);
  });
});

test.describe('GET /disputes/{id}', () => {
  test('a non-party gets 404, staff see it, a bad id is 400, an unknown one 404', async ({ openDispute, as }) => {
    const { dispute } = await openDispute();
    const stranger = await (await as(outsider)).GET('/disputes/{id}', { params: { path: { id: dispute.id } } });
    expect(stranger.response.status).toBe(404);
    const staff = await (await as(mediator)).GET('/disputes/{id}', { params: { path: { id: dispute.id } } });
    expect(staff.response.status).toBe(200);
    expect(staff.data?.allowed_actions).toContain('mediate');
    const api = await as(admin);
    expect((await api.GET('/disputes/{id}', { params: { path: { id: 'abc' as unknown as number } } })).response.status).toBe(400);
    expect((await api.GET('/disputes/{id}', { params: { path: { id: 987_654_321 } } })).response.status).toBe(404);
  });
});
