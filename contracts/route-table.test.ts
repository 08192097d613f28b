import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { contractFile, readmeFile, readmeRouteTable, renderRouteTable } from './route-table.ts';

test('the README route table is the one openapi.yaml makes (npm run docs:routes)', () => {
  const expected = renderRouteTable(readFileSync(contractFile, 'utf8'));
  assert.equal(readmeRouteTable(readFileSync(readmeFile, 'utf8')), expected);
  assert.equal(expected.split('\n').filter((line) => line.startsWith('| `')).length, 11);
});
