import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { loadContract } from '../../contract-core/load-contract.ts';
import { CONTRACT_FILE, type ContractDocument, loadContractDocument } from './contract-document.ts';
import { isDocumentedClientError, isDocumentedStatus } from './documented-statuses.ts';
import { fuzzOperations, findOperation } from './operations.ts';

const document = loadContractDocument();
const operations = fuzzOperations(document);
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

test('covers every route the emulator serves, no more', () => {
  const contract = loadContract(path.join(projectRoot, 'openapi.yaml'), { projectRoot, stage: 'test', jwtIssuer: 'i', jwtAudience: 'a' });
  const routes = contract.routes.map((route) => `${route.routeKey} ${route.operationId}`).sort();
  assert.deepEqual(operations.map((operation) => `${operation.method} ${operation.path} ${operation.operationId}`).sort(), routes);
});

test("each operation's statuses are the keys of its responses", () => {
  const raw = parse(readFileSync(CONTRACT_FILE, 'utf8')) as { paths: Record<string, Record<string, { responses: object }>> };
  for (const operation of operations) {
    const keys = Object.keys(raw.paths[operation.path]![operation.method.toLowerCase()]!.responses).map(Number);
    assert.deepEqual(
      operation.statuses,
      keys.sort((a, b) => a - b),
      operation.operationId,
    );
  }
  const listDisputes = findOperation(operations, 'listDisputes');
  assert.deepEqual(listDisputes.statuses, [200, 400, 401, 403, 429, 500]);
  assert.equal(isDocumentedClientError(listDisputes, 400), true);
  assert.equal(isDocumentedClientError(listDisputes, 404), false);
  assert.equal(isDocumentedClientError(listDisputes, 200), false);
  assert.equal(isDocumentedStatus(listDisputes, 200), true);
});

test('parameters are read with their field names, header names in lower case', () => {
  const close = findOperation(operations, 'closeDispute');
  assert.deepEqual(
    close.parameters.map(({ field, required }) => [field, required]),
    [
      ['header.idempotency-key', false],
      ['path.id', true],
      ['header.if-match', false],
    ],
  );
  assert.deepEqual(close.body && { required: close.body.required, mediaTypes: close.body.mediaTypes }, {
    required: false,
    mediaTypes: ['application/json'],
  });
  const evidence = findOperation(operations, 'addEvidence');
  assert.deepEqual(evidence.body?.mediaTypes, ['application/json', 'multipart/form-data']);
  assert.equal(findOperation(operations, 'acceptResolution').body, undefined);
});

test('an operation parameter replaces the path item parameter of the same name', () => {
  const synthetic: ContractDocument = {
    paths: {
      '/things/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'getThing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
  };
  const [operation] = fuzzOperations(synthetic);
  assert.equal(operation?.parameters.length, 1);
  assert.equal(operation?.parameters[0]?.node.kind, 'integer');
});

test('refuses what it cannot fuzz: cookie parameters, styled parameters, wildcard responses', () => {
  const withOperation = (operation: object): ContractDocument => ({
    paths: { '/x': { get: { operationId: 'x', responses: { '200': {} }, ...operation } } },
  });
  assert.throws(
    () => fuzzOperations(withOperation({ parameters: [{ name: 'c', in: 'cookie', schema: { type: 'string' } }] })),
    /path, query and header/,
  );
  assert.throws(
    () => fuzzOperations(withOperation({ parameters: [{ name: 'q', in: 'query', style: 'pipeDelimited', schema: { type: 'string' } }] })),
    /style/,
  );
  assert.throws(() => fuzzOperations(withOperation({ responses: { '4XX': {} } })), /only explicit statuses/);
  assert.throws(() => findOperation(operations, 'noSuchOperation'), /noSuchOperation/);
});
