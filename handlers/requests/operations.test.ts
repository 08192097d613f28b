// Every operation of openapi.yaml has its request module here, named after its
// operationId (`createDispute` → create-dispute-request.ts, exporting
// `createDisputeRequest`). Beyond the compile-time drift guard in each module,
// the shared parameters are checked at run time for every operation that
// declares them: what the contract lists is what the definition refuses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { ValidationProblem } from '../problems/problem.ts';
import { parseRequest } from '../http/parse-request.ts';
import type { RequestDefinition, RequestEvent } from './request-definition.ts';

interface ContractOperation {
  operationId: string;
  parameters?: { $ref: string }[];
  requestBody?: { required?: boolean };
}

const contract = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, ContractOperation>>;
};
const operations = Object.values(contract.paths).flatMap((methods) => Object.values(methods));
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

async function definitionOf(operationId: string): Promise<RequestDefinition> {
  const module = (await import(`./${kebab(operationId)}-request.ts`)) as Record<string, RequestDefinition | undefined>;
  const definition = module[`${operationId}Request`];
  assert.ok(definition, `${kebab(operationId)}-request.ts exports ${operationId}Request`);
  return definition;
}

/** The paths of the fields refused as bad values; an unknown query parameter is refused apart (see below). */
async function errorPaths(definition: RequestDefinition, event: RequestEvent): Promise<string[]> {
  try {
    await parseRequest(event, definition);
  } catch (error) {
    if (error instanceof ValidationProblem) {
      return error.errors.filter((item) => !item.message.startsWith('Unknown query parameter')).map((item) => item.path);
    }
    throw error;
  }
  return [];
}

const declares = (operation: ContractOperation, parameter: string) =>
  (operation.parameters ?? []).some((ref) => ref.$ref === `#/components/parameters/${parameter}`);

test('the contract has 11 operations, each with its request module', async () => {
  assert.equal(operations.length, 11);
  for (const { operationId } of operations) await definitionOf(operationId);
});

test('each operation refuses a bad value of each parameter it declares, at its own path', async () => {
  const bad: [parameter: string, event: RequestEvent, path: string][] = [
    ['DisputeId', { pathParameters: { id: 'abc' } }, 'path.id'],
    ['Limit', { queryStringParameters: { limit: '1000' } }, 'query.limit'],
    ['Cursor', { queryStringParameters: { cursor: '' } }, 'query.cursor'],
    ['StatusFilter', { queryStringParameters: { status: 'lost' } }, 'query.status'],
    ['IdempotencyKey', { headers: { 'idempotency-key': 'x'.repeat(256) } }, 'header.idempotency-key'],
    ['IfMatch', { headers: { 'if-match': 'latest' } }, 'header.if-match'],
  ];
  for (const operation of operations) {
    const definition = await definitionOf(operation.operationId);
    for (const [parameter, event, path] of bad) {
      const paths = await errorPaths(definition, event);
      assert.equal(paths.includes(path), declares(operation, parameter), `${operation.operationId} ${parameter}: ${paths.join(', ')}`);
    }
  }
});

test('each operation with a body names an unknown body field, and needs the body when the contract does', async () => {
  for (const operation of operations) {
    const definition = await definitionOf(operation.operationId);
    assert.equal(definition.body !== undefined, operation.requestBody !== undefined, operation.operationId);
    if (!operation.requestBody) continue;
    const json = { headers: { 'content-type': 'application/json' }, body: '{"unexpected_field":1}' };
    assert.ok((await errorPaths(definition, json)).includes('body.unexpected_field'), operation.operationId);
    assert.equal((await errorPaths(definition, {})).includes('body'), operation.requestBody.required === true, operation.operationId);
  }
});

test('the lists refuse a query parameter they do not take, naming the ones they do and what the app should send', async () => {
  for (const [operationId, takes, hinted] of [
    ['listDisputes', 'status, limit, cursor, page_size, page', ['query.ordering', ' (lists are newest first)']],
    ['listDisputeMessages', 'limit, cursor, page_size, page', undefined],
  ] as const) {
    const definition = await definitionOf(operationId);
    try {
      await parseRequest({ pathParameters: { id: '1' }, queryStringParameters: { ordering: '-id', colour: 'red' } }, definition);
      assert.fail(`${operationId} took unknown query parameters`);
    } catch (error) {
      assert.ok(error instanceof ValidationProblem, String(error));
      const byPath = Object.fromEntries(error.errors.map((item) => [item.path, item.message]));
      assert.equal(byPath['query.ordering'], `Unknown query parameter; this operation takes ${takes}${hinted ? hinted[1] : ''}`);
      assert.equal(byPath['query.colour'], `Unknown query parameter; this operation takes ${takes}`);
    }
  }
});

test("a hint is the operation's own: escalating with a resolution field is a plain unknown field", async () => {
  const definition = await definitionOf('escalateDispute');
  await assert.rejects(
    parseRequest(
      { pathParameters: { id: '1' }, headers: { 'content-type': 'application/json' }, body: '{"reason":"x","resolution":"y"}' },
      definition,
    ),
    (error: unknown) =>
      error instanceof ValidationProblem &&
      error.errors.some((item) => item.path === 'body.resolution' && item.message === 'Unknown field'),
  );
});
