// The in-process calls to dynalite: answered as over HTTP, and bounded in time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import dynalite from 'dynalite';
import { createDynaliteClient, DynaliteTimeoutError } from './dynalite-client.ts';

test('an operation call reaches dynalite in-process and reads its JSON answer, errors included', async () => {
  const backend = dynalite({ createTableMs: 0 });
  const call = createDynaliteClient(backend).internalCaller();
  const listed = await call('ListTables', {});
  assert.deepEqual(listed, { ok: true, status: 200, data: { TableNames: [] } });
  const missing = await call('DescribeTable', { TableName: 'absent' });
  assert.equal(missing.ok, false);
  assert.equal(missing.ok ? '' : missing.code, 'ResourceNotFoundException');
});

test('a call dynalite never answers fails after the call timeout instead of holding the lock for good', { timeout: 10_000 }, async () => {
  // A server whose listener takes the request and never answers: a stuck dynalite.
  const stuck = http.createServer(() => undefined);
  const call = createDynaliteClient(stuck, { callTimeoutMs: 50 }).internalCaller();
  // Only the timer makes this error; the test's own timeout turns a hang into a failure.
  await assert.rejects(call('GetItem', { TableName: 't', Key: {} }), DynaliteTimeoutError);
});
