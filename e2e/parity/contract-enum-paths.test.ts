import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contractOperations } from '../../contracts/contract-operations.ts';
import { loadContractDocument } from '../../contracts/fuzz/contract-document.ts';
import { contractEnumPaths } from './contract-enum-paths.ts';

const enumPaths = contractEnumPaths(loadContractDocument());

// The recorder reads these for every answer a test gets: a response schema it cannot read would fail every test.
test("every documented response's schema is read, and its enums found where the contract puts them", () => {
  for (const operation of contractOperations()) {
    for (const status of operation.statuses) {
      for (const media of ['application/json', 'application/problem+json']) {
        assert.doesNotThrow(
          () => enumPaths(operation.path, operation.method, Number(status), media),
          `${operation.operationId} ${status} ${media}`,
        );
      }
    }
  }
  const dispute = enumPaths('/disputes/{id}', 'GET', 200, 'application/json');
  for (const path of ['$.status', '$.reason', '$.priority', '$.allowed_actions[]', '$.initiator.role']) assert.ok(dispute.has(path), path);
  assert.ok(!dispute.has('$.id') && !dispute.has('$.description'));
  assert.equal(enumPaths('/disputes/{id}', 'GET', 418, 'application/json').size, 0, 'an undocumented status has none');
});
