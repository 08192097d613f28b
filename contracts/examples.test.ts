// The contract documents every operation: a description, an example for each
// parameter and each request body media type, an example on each media type
// of its 2xx responses and of its 400 and 409 (where declared; at least one
// 4xx in any case). Every example there is (inline `example`, `examples.*.value`
// and components/examples reached through `$ref`) must match the schema it
// documents, read as response-validator.ts reads the contract (same ajv setup,
// same `nullable` handling), so that what readers copy is what the API takes
// and answers. A failure names the operation, the status, the media type and
// ajv's error.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadContractSchemas, type ContractSchemas, type Json, type JsonObject } from './response-validator.ts';

const CONTRACT_URL = new URL('../openapi.yaml', import.meta.url);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

interface Operation {
  /** `createDispute (POST /disputes)`: how problems name it. */
  name: string;
  node: JsonObject;
  /** The path item's parameters, which every operation of the path takes too. */
  pathParameters: Json[];
}

function operationsOf(contract: ContractSchemas): Operation[] {
  const paths = contract.document.paths;
  if (!isObject(paths)) return [];
  return Object.entries(paths).flatMap(([template, item]) => {
    if (!isObject(item)) return [];
    const pathParameters = Array.isArray(item.parameters) ? item.parameters : [];
    return METHODS.flatMap((method) => {
      const node = item[method];
      if (!isObject(node)) return [];
      const id = typeof node.operationId === 'string' ? node.operationId : '(no operationId)';
      return [{ name: `${id} (${method.toUpperCase()} ${template})`, node, pathParameters }];
    });
  });
}

/** One documented example: where it is, and its value (or why it has none). */
interface Example {
  where: string;
  value?: Json;
  unusable?: string;
}

/** The examples a parameter or media type object carries, `$ref`s followed. */
function examplesOf(contract: ContractSchemas, holder: JsonObject): Example[] {
  const found: Example[] = [];
  if ('example' in holder) found.push({ where: 'example', value: holder.example as Json });
  if (isObject(holder.examples)) {
    for (const [key, raw] of Object.entries(holder.examples)) {
      const ref = isObject(raw) && typeof raw.$ref === 'string' ? ` (${raw.$ref})` : '';
      const where = `examples.${key}${ref}`;
      const example = contract.resolve(raw);
      if (!isObject(example) || typeof example.$ref === 'string') found.push({ where, unusable: 'does not resolve' });
      else if (!('value' in example)) found.push({ where, unusable: 'has no value' });
      else found.push({ where, value: example.value as Json });
    }
  }
  return found;
}

/** Something that documents data: a parameter, a request body media type, a response media type. */
interface Documented {
  where: string;
  schema: Json | undefined;
  examples: Example[];
}

function parametersOf(contract: ContractSchemas, operation: Operation): Documented[] {
  const own = Array.isArray(operation.node.parameters) ? operation.node.parameters : [];
  return [...operation.pathParameters, ...own].flatMap((raw) => {
    const parameter = contract.resolve(raw);
    if (!isObject(parameter)) return [{ where: 'a parameter that does not resolve', schema: undefined, examples: [] }];
    const where = `parameter ${String(parameter.in)} ${String(parameter.name)}`;
    if (isObject(parameter.content)) return mediaTypesOf(contract, parameter.content, where);
    return [{ where, schema: parameter.schema, examples: examplesOf(contract, parameter) }];
  });
}

function mediaTypesOf(contract: ContractSchemas, content: JsonObject, where: string): Documented[] {
  return Object.entries(content).map(([mediaType, media]) => ({
    where: `${where} ${mediaType}`,
    schema: isObject(media) ? media.schema : undefined,
    examples: isObject(media) ? examplesOf(contract, media) : [],
  }));
}

function requestBodyOf(contract: ContractSchemas, operation: Operation): Documented[] {
  const body = contract.resolve(operation.node.requestBody);
  if (!isObject(body) || !isObject(body.content)) return [];
  return mediaTypesOf(contract, body.content, 'request body');
}

function responsesOf(contract: ContractSchemas, operation: Operation): Array<{ status: string; documented: Documented[] }> {
  const responses = operation.node.responses;
  if (!isObject(responses)) return [];
  return Object.entries(responses).map(([status, raw]) => {
    const response = contract.resolve(raw);
    const content = isObject(response) && isObject(response.content) ? response.content : {};
    return { status, documented: mediaTypesOf(contract, content, `response ${status}`) };
  });
}

/** What an operation leaves undocumented, one line each. */
function documentationGaps(contract: ContractSchemas, operation: Operation): string[] {
  const gaps: string[] = [];
  const { node, name } = operation;
  if (typeof node.description !== 'string' || node.description.trim() === '') gaps.push(`${name} has no description`);
  for (const item of [...parametersOf(contract, operation), ...requestBodyOf(contract, operation)]) {
    if (item.examples.length === 0) gaps.push(`${name} ${item.where} has no example`);
  }
  const responses = responsesOf(contract, operation);
  for (const { status, documented } of responses) {
    const required = /^2\d\d$/.test(status) || status === '400' || status === '409';
    if (!required) continue;
    for (const item of documented) if (item.examples.length === 0) gaps.push(`${name} ${item.where} has no example`);
  }
  const clientErrors = responses.filter(({ status }) => /^4\d\d$/.test(status));
  if (!clientErrors.some(({ documented }) => documented.some((item) => item.examples.length > 0))) {
    gaps.push(`${name} has no example on any 4xx response`);
  }
  return gaps;
}

/** Every example of an operation that does not match its schema, with ajv's errors. */
function exampleErrors(contract: ContractSchemas, operation: Operation): string[] {
  const documented = [
    ...parametersOf(contract, operation),
    ...requestBodyOf(contract, operation),
    ...responsesOf(contract, operation).flatMap(({ documented }) => documented),
  ];
  return documented.flatMap((item) =>
    item.examples.flatMap((example) => {
      const at = `${operation.name} ${item.where} ${example.where}`;
      if (example.unusable) return [`${at} ${example.unusable}`];
      if (!isObject(item.schema)) return [`${at}: no schema to check it against`];
      const validate = contract.validatorFor(item.schema);
      if (validate(example.value)) return [];
      return (validate.errors ?? []).map((error) => {
        const allowed = Array.isArray(error.params.allowedValues) ? ` (${error.params.allowedValues.join(', ')})` : '';
        return `${at}: ${error.instancePath || '(the value)'} ${error.message ?? error.keyword}${allowed}`;
      });
    }),
  );
}

const contract = loadContractSchemas(CONTRACT_URL);
const operations = operationsOf(contract);

test('the contract has its operations', () => assert.ok(operations.length >= 11, `${operations.length} operations`));

for (const operation of operations) {
  test(`${operation.name} has a description and examples of its parameters, request body and main responses`, () => {
    const gaps = documentationGaps(contract, operation);
    assert.deepEqual(gaps, [], gaps.join('\n'));
  });

  test(`${operation.name}: every example matches the schema it documents`, () => {
    const errors = exampleErrors(contract, operation);
    assert.deepEqual(errors, [], errors.join('\n'));
  });
}

test('a missing description or example, or an example that breaks its schema, is reported by name', (t) => {
  const document = parse(readFileSync(CONTRACT_URL, 'utf8')) as {
    paths: Record<string, Record<string, JsonObject>>;
    components: { parameters: Record<string, JsonObject>; examples: Record<string, { value: JsonObject }> };
  };
  const listDisputes = document.paths['/disputes']!['get']!;
  delete listDisputes.description;
  document.components.parameters['Limit']!.example = 0;
  document.components.examples['DisputeOpened']!.value.status = 'pending';
  const createDispute = document.paths['/disputes']!['post']!;
  const createBody = (createDispute.requestBody as { content: Record<string, JsonObject> }).content['application/json']!;
  delete createBody.example;

  const directory = mkdtempSync(path.join(tmpdir(), 'contract-examples-'));
  t.after(() => rmSync(directory, { recursive: true, force: true }));
  const file = path.join(directory, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const broken = loadContractSchemas(file);
  const byId = (id: string) => operationsOf(broken).find((operation) => operation.node.operationId === id)!;

  assert.deepEqual(documentationGaps(broken, byId('listDisputes')), ['listDisputes (GET /disputes) has no description']);
  assert.deepEqual(documentationGaps(broken, byId('createDispute')), [
    'createDispute (POST /disputes) request body application/json has no example',
  ]);
  assert.deepEqual(exampleErrors(broken, byId('listDisputes')), [
    'listDisputes (GET /disputes) parameter query limit example: (the value) must be >= 1',
  ]);
  const statusErrors = exampleErrors(broken, byId('createDispute'));
  assert.ok(
    statusErrors.includes(
      'createDispute (POST /disputes) response 201 application/json examples.opened (#/components/examples/DisputeOpened): ' +
        '/status must be equal to one of the allowed values (open, in_mediation, escalated, resolved, closed)',
    ),
    statusErrors.join('\n'),
  );
});
