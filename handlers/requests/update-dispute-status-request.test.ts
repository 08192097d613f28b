import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DISPUTE_STATUSES, RESOLUTION_TYPES } from '../domain/dispute.ts';
import { ValidationProblem } from '../problems/problem.ts';
import { parseRequest } from '../http/parse-request.ts';
import { updateDisputeStatusRequest } from './update-dispute-status-request.ts';

const patch = (body: unknown, headers: Record<string, string> = {}) =>
  parseRequest(
    { pathParameters: { id: '5' }, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) },
    updateDisputeStatusRequest,
  );

async function pathsOf(run: Promise<unknown>): Promise<string[]> {
  try {
    await run;
  } catch (error) {
    if (error instanceof ValidationProblem) return error.errors.map((item) => item.path).sort();
    throw error;
  }
  return [];
}

test('statuses and resolution types come from the domain', async () => {
  for (const status of DISPUTE_STATUSES) assert.equal((await patch({ status })).body.status, status);
  for (const resolution_type of RESOLUTION_TYPES) {
    const request = await patch({ resolution: 'Refund half', resolution_type, amount_resolved: '75' }, { 'if-match': '"4"' });
    assert.deepEqual(request.body, { resolution: 'Refund half', resolution_type, amount_resolved: '75.00' });
    assert.equal(request.headers['if-match'], 4);
  }
  assert.deepEqual(await pathsOf(patch({ status: 'pending', resolution_type: 'apology' })), ['body.resolution_type', 'body.status']);
});

test('an empty body is refused as a whole', async () => {
  assert.deepEqual(await pathsOf(patch({})), ['body']);
});
