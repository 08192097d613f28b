import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync } from 'fflate';
import { deterministicZip } from './deterministic-zip.ts';

const a = new TextEncoder().encode('export const handler = () => 1;');
const b = new TextEncoder().encode('{"version":3}');

test('the same files give the same bytes, whatever their order, the clock or the time zone', async () => {
  const first = deterministicZip({ 'handlers/a.mjs': a, 'handlers/a.mjs.map': b });
  const zone = process.env['TZ'];
  process.env['TZ'] = 'Pacific/Kiritimati';
  try {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // another second on the clock
    const second = deterministicZip({ 'handlers/a.mjs.map': b, 'handlers/a.mjs': a });
    assert.deepEqual(Buffer.from(second), Buffer.from(first));
  } finally {
    if (zone === undefined) delete process.env['TZ'];
    else process.env['TZ'] = zone;
  }
  assert.deepEqual(Object.keys(unzipSync(first)), ['handlers/a.mjs', 'handlers/a.mjs.map'], 'entries sorted by name');
  assert.deepEqual(unzipSync(first)['handlers/a.mjs'], a);
});

test('an entry that would land outside the task root is refused', () => {
  assert.throws(() => deterministicZip({ '../evil.mjs': a }), /escape/);
  assert.throws(() => deterministicZip({ '/etc/evil.mjs': a }), /escape/);
});
