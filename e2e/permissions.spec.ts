// Table-driven checks over every operation of the contract that acts on one
// dispute: a stranger gets 404 (existence is not leaked), a malformed id or
// body gets 400 naming the field, and staff-only or party-only operations
// refuse the other side with 403. The operations come from openapi.yaml; the
// table of valid bodies below must cover each of them.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { OperationId } from '../contracts/api.ts';
import { admin, mediator, outsider } from './support/test-users.ts';
import { tokenFor } from './support/tokens.ts';
import { expect, test } from './support/fixtures.ts';

interface ContractOperation {
  operationId: OperationId;
  requestBody?: unknown;
}

const contract = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, ContractOperation>>;
};

const disputeOperations = Object.entries(contract.paths)
  .filter(([path]) => path.includes('{id}'))
  .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));

/** A body each operation accepts, so that what is checked is who calls, not what is sent. */
const VALID_BODY: Partial<Record<OperationId, object>> = {
  getDispute: undefined,
  updateDisputeStatus: { status: 'in_mediation' },
  closeDispute: {},
  escalateDispute: { reason: 'No answer' },
  requestMediation: {},
  listDisputeMessages: undefined,
  sendDisputeMessage: { message: 'hello' },
  addEvidence: { file_name: 'a.pdf', content_type: 'application/pdf', size: 10 },
  acceptResolution: undefined,
};

test('the table covers every dispute operation of the contract', () => {
  expect(disputeOperations.map(({ op }) => op.operationId).sort()).toEqual(Object.keys(VALID_BODY).sort());
  expect(disputeOperations.filter(({ op }) => op.requestBody).length, 'operations with a body to check').toBeGreaterThan(0);
});

for (const { method, path, op } of disputeOperations) {
  test(`${method} ${path}: a stranger gets 404, a bad id 400`, async ({ openDispute, request }) => {
    const { dispute } = await openDispute();
    const body = VALID_BODY[op.operationId];
    const stranger = await request.fetch(path.replace('{id}', String(dispute.id)), {
      method,
      headers: { authorization: `Bearer ${await tokenFor(outsider)}` },
      ...(body ? { data: body } : {}),
    });
    expect(stranger.status()).toBe(404);
    expect(stranger.headers()['content-type']).toContain('application/problem+json');

    const badId = await request.fetch(path.replace('{id}', 'abc'), {
      method,
      headers: { authorization: `Bearer ${await tokenFor(admin)}` },
      ...(body ? { data: body } : {}),
    });
    expect(badId.status()).toBe(400);
    expect((await badId.json()).errors.map((e: { path: string }) => e.path)).toContain('path.id');
  });

  if (op.requestBody) {
    test(`${method} ${path}: an unknown field is 400`, async ({ openDispute, request }) => {
      const { dispute, initiator } = await openDispute();
      const caller = op.operationId === 'updateDisputeStatus' ? mediator : initiator;
      const response = await request.fetch(path.replace('{id}', String(dispute.id)), {
        method,
        headers: { authorization: `Bearer ${await tokenFor(caller)}` },
        data: { ...VALID_BODY[op.operationId], unexpected_field: 1 },
      });
      expect(response.status()).toBe(400);
      expect((await response.json()).errors.length).toBeGreaterThan(0);
    });

    test(`${method} ${path}: a body that is not JSON is the 415 the contract declares`, async ({ openDispute, request }) => {
      const { dispute, initiator } = await openDispute();
      const caller = op.operationId === 'updateDisputeStatus' ? mediator : initiator;
      const response = await request.fetch(path.replace('{id}', String(dispute.id)), {
        method,
        headers: { authorization: `Bearer ${await tokenFor(caller)}`, 'content-type': 'text/plain' },
        data: 'hello',
      });
      expect(response.status()).toBe(415);
      expect((await response.json()).code).toBe('unsupported_media_type');
    });
  }
}

test('staff cannot accept a resolution for the parties (403)', async ({ openDispute, as }) => {
  const { dispute } = await openDispute();
  const staff = await as(mediator);
  expect((await staff.POST('/disputes/{id}/mediate', { params: { path: { id: dispute.id } } })).response.status).toBe(200);
  const proposed = await staff.PATCH('/disputes/{id}/status', {
    params: { path: { id: dispute.id } },
    body: { resolution: 'Refund half', resolution_type: 'partial_refund', amount_resolved: 75 },
  });
  // A proposal is waiting for the parties: what is refused is staff accepting it.
  expect(proposed.data).toMatchObject({ status: 'in_mediation', resolution: 'Refund half' });
  for (const user of [mediator, admin]) {
    const { response } = await (await as(user)).POST('/disputes/{id}/accept', { params: { path: { id: dispute.id } } });
    expect(response.status).toBe(403);
  }
});
