import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRequest } from '../http/parse-request.ts';
import { ValidationProblem } from '../problems/problem.ts';
import { closeDisputeRequest, REJECTED_MESSAGE, RESOLUTION_WITH_REASON_MESSAGE } from './close-dispute-request.ts';

const close = async (body?: unknown) =>
  (
    await parseRequest(
      {
        pathParameters: { id: '7' },
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      },
      closeDisputeRequest,
    )
  ).body;

async function errorsOf(body: unknown): Promise<Record<string, string>> {
  try {
    await close(body);
  } catch (error) {
    assert.ok(error instanceof ValidationProblem, String(error));
    return Object.fromEntries(error.errors.map((item) => [item.path, item.message]));
  }
  assert.fail(`${JSON.stringify(body)} was taken`);
}

test('the body is optional; reason is the close reason', async () => {
  assert.deepEqual(await close(), {});
  assert.deepEqual(await close({}), {});
  assert.deepEqual(await close({ reason: 'Settled' }), { reason: 'Settled' });
});

test("the app's resolution is read as the reason when there is no reason", async () => {
  assert.deepEqual(await close({ resolution: 'Settled between us' }), { reason: 'Settled between us' });
  assert.deepEqual(await close({ resolution: '' }), { reason: '' });
  assert.ok((await errorsOf({ resolution: 'x'.repeat(2001) }))['body.resolution']);
});

test('resolution "rejected" stays a 400 saying a party rejects a proposal by escalating', async () => {
  for (const body of [{ resolution: 'rejected' }, { resolution: 'rejected', reason: 'No' }]) {
    const message = (await errorsOf(body))['body.resolution'];
    assert.equal(message, REJECTED_MESSAGE, JSON.stringify(body));
    assert.match(message ?? '', /rejects a proposal by escalating: POST \/disputes\/\{id\}\/escalate/);
  }
});

test('resolution beside a reason is a 400: one field, one meaning', async () => {
  assert.equal((await errorsOf({ reason: 'Settled', resolution: 'Done' }))['body.resolution'], RESOLUTION_WITH_REASON_MESSAGE);
});

test('any other field is still unknown', async () => {
  assert.equal((await errorsOf({ resolution: 'Settled', status: 'closed' }))['body.status'], 'Unknown field');
});
