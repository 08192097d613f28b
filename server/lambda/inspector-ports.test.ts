import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { firstUnavailablePort, inspectorPorts } from './inspector-ports.ts';
import { freePort } from '../../test-support/free-port.ts';

test("one port per function in the contract's order, from the first", () => {
  assert.deepEqual(
    [...inspectorPorts(['a', 'b', 'c'], 9300)],
    [
      ['a', 9300],
      ['b', 9301],
      ['c', 9302],
    ],
  );
});

test('a port something listens on, or one past 65535, is found before anything starts', async () => {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const busy = (server.address() as AddressInfo).port;
    const free = await freePort();
    assert.equal(await firstUnavailablePort([free]), undefined);
    assert.equal(await firstUnavailablePort([free, busy]), busy);
    assert.equal(await firstUnavailablePort([65536]), 65536, "the last function's port would be past the range");
  } finally {
    server.close();
  }
});
