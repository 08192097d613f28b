import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetworkInterfaceInfo } from 'node:os';
import { isWildcardHost, lanAddress } from './lan-address.ts';

const entry = (address: string, family: 'IPv4' | 'IPv6', internal: boolean): NetworkInterfaceInfo =>
  family === 'IPv4'
    ? { address, family, internal, netmask: '', mac: '', cidr: null }
    : { address, family, internal, netmask: '', mac: '', cidr: null, scopeid: 0 };

test('the LAN address is the first external IPv4, never loopback or IPv6', () => {
  assert.equal(
    lanAddress({ lo: [entry('127.0.0.1', 'IPv4', true)], eth0: [entry('fe80::1', 'IPv6', false), entry('192.168.1.20', 'IPv4', false)] }),
    '192.168.1.20',
  );
  assert.equal(lanAddress({ lo: [entry('127.0.0.1', 'IPv4', true)] }), null);
});

test('only wildcard binds open the server to the network', () => {
  assert.equal(isWildcardHost('0.0.0.0'), true);
  assert.equal(isWildcardHost('::'), true);
  assert.equal(isWildcardHost('127.0.0.1'), false);
});
