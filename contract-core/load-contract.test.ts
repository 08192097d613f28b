import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { boundFunctions, parseContract, type ContractOptions } from './load-contract.ts';
import { ContractError, CONTRACT_ERRORS, type ContractErrorCode } from './contract-errors.ts';
import { JWT_AUTHORIZER_COMPONENTS } from './test-fixtures/jwt-authorizer-components.ts';

const root = mkdtempSync(path.join(tmpdir(), 'contract-'));
mkdirSync(path.join(root, 'handlers'));
writeFileSync(path.join(root, 'handlers', 'a.ts'), 'export const handler = () => ({});');
writeFileSync(path.join(root, 'handlers', 'b.ts'), 'export const handler = () => ({});');
test.after(() => rmSync(root, { recursive: true, force: true }));

const options: ContractOptions = { projectRoot: root, stage: 'local', jwtIssuer: 'iss-x', jwtAudience: 'aud-x' };

const AUTHORIZER = JWT_AUTHORIZER_COMPONENTS;

function contract(operations: string, { version = '3.0.3', extra = AUTHORIZER, top = '' } = {}): string {
  return `openapi: ${version}\ninfo: { title: t, version: '1' }\nx-lambda-runtime: nodejs22.x\n${top}security: [{ jwt: [] }]\npaths:\n${operations}\n${extra}`;
}

const lambda = (
  fn = 'fn-a-{stage}',
  handler = 'handlers/a.handler',
  memory = 256,
  timeout = 10,
  zip = fn === 'fn-a-{stage}' ? 'a.zip' : `${fn.replace(/[^A-Za-z0-9-]/g, '')}.zip`,
) => `      x-lambda: { function: '${fn}', handler: ${handler}, zip: '${zip}', memory: ${memory}, timeout: ${timeout} }`;

const closeOp = `  /disputes/{id}/close:\n    post:\n      operationId: close\n${lambda()}\n`;

/** An `x-lambda-s3-notifications` list; each entry's fields as YAML flow mappings. */
const notifications = (...entries: string[]) => `x-lambda-s3-notifications:\n${entries.map((entry) => `  - { ${entry} }\n`).join('')}`;
const onUpload = (fields = "events: ['s3:ObjectCreated:*'], filter_prefix: uploads/", fn = 'fn-b-{stage}', zip = 'b.zip') =>
  `function: '${fn}', handler: handlers/b.handler, zip: ${zip}, memory: 256, timeout: 60, ${fields}`;

test('builds a route table from a valid contract', () => {
  const result = parseContract(contract(closeOp), options);
  assert.equal(result.routes.length, 1);
  const [route] = result.routes;
  assert.deepEqual(route, {
    routeKey: 'POST /disputes/{id}/close',
    method: 'POST',
    openapiPath: '/disputes/{id}/close',
    fastifyPath: '/disputes/:id/close',
    operationId: 'close',
    authorized: true,
    scopes: [],
    lambda: {
      functionName: 'fn-a-local',
      functionNameTemplate: 'fn-a-{stage}',
      handler: 'handlers/a.handler',
      handlerFile: path.join(root, 'handlers', 'a.ts'),
      handlerExport: 'handler',
      zip: 'a.zip',
      memorySize: 256,
      timeoutSeconds: 10,
      runtime: 'nodejs22.x',
    },
  });
  assert.deepEqual(result.authorizer, { name: 'jwt', identityHeader: 'authorization', issuer: 'iss-x', audience: ['aud-x'] });
});

test('operation security overrides the document default, with scopes', () => {
  const ops =
    `  /open:\n    get:\n      operationId: open\n      security: []\n${lambda()}\n` +
    `  /scoped:\n    get:\n      operationId: scoped\n      security: [{ jwt: [read] }]\n${lambda('fn-b', 'handlers/b.handler')}\n`;
  const [open, scoped] = parseContract(contract(ops), options).routes;
  assert.equal(open?.authorized, false);
  assert.deepEqual(scoped?.scopes, ['read']);
});

test('reads x-lambda-s3-notifications: the binding, as x-lambda has it, with events and filters', () => {
  const result = parseContract(contract(closeOp, { top: notifications(onUpload()) }), options);
  assert.deepEqual(result.notifications, [
    {
      id: 'b',
      lambda: {
        functionName: 'fn-b-local',
        functionNameTemplate: 'fn-b-{stage}',
        handler: 'handlers/b.handler',
        handlerFile: path.join(root, 'handlers', 'b.ts'),
        handlerExport: 'handler',
        zip: 'b.zip',
        memorySize: 256,
        timeoutSeconds: 60,
        runtime: 'nodejs22.x',
      },
      events: ['s3:ObjectCreated:*'],
      filterPrefix: 'uploads/',
      filterSuffix: '',
    },
  ]);
  assert.deepEqual(
    boundFunctions(result).map((fn) => fn.functionName),
    ['fn-a-local', 'fn-b-local'],
  );
  assert.deepEqual(parseContract(contract(closeOp), options).notifications, [], 'the extension is optional');
  const named = parseContract(
    contract(closeOp, {
      top: notifications(onUpload("events: ['s3:ObjectCreated:Post', 's3:ObjectCreated:Put'], filter_suffix: .jpg, id: evidence")),
    }),
    options,
  );
  assert.deepEqual(
    named.notifications.map(({ id, events, filterPrefix, filterSuffix }) => ({ id, events, filterPrefix, filterSuffix })),
    [{ id: 'evidence', events: ['s3:ObjectCreated:Post', 's3:ObjectCreated:Put'], filterPrefix: '', filterSuffix: '.jpg' }],
  );
  const disjoint = notifications(onUpload(), onUpload("events: ['s3:ObjectCreated:*'], filter_prefix: other/", 'fn-c', 'c.zip'));
  assert.equal(parseContract(contract(closeOp, { top: disjoint }), options).notifications.length, 2, 'prefixes that do not overlap');
});

test('greedy path parameters map to a wildcard', () => {
  const ops = `  /files/{proxy+}:\n    get:\n      operationId: files\n${lambda()}\n`;
  const [route] = parseContract(contract(ops), options).routes;
  assert.equal(route?.fastifyPath, '/files/*');
  assert.equal(route?.greedyParameter, 'proxy');
});

const refusals: Array<[string, string, ContractErrorCode]> = [
  ['OpenAPI 3.1', contract(closeOp, { version: '3.1.0' }), 'CONTRACT_ERR_OPENAPI_VERSION'],
  ['Swagger 2', contract(closeOp, { version: '2.0' }), 'CONTRACT_ERR_OPENAPI_VERSION'],
  [
    'two security requirements',
    contract(`  /x:\n    get:\n      operationId: x\n      security: [{ jwt: [] }, { jwt: [a] }]\n${lambda()}\n`),
    'CONTRACT_ERR_SECURITY',
  ],
  [
    'unknown scheme',
    contract(`  /x:\n    get:\n      operationId: x\n      security: [{ apiKey: [] }]\n${lambda()}\n`),
    'CONTRACT_ERR_SECURITY',
  ],
  ['no x-lambda', contract(`  /x:\n    get:\n      operationId: x\n`), 'CONTRACT_ERR_LAMBDA_BINDING'],
  ['memory too small', contract(`  /x:\n    get:\n      operationId: x\n${lambda(undefined, undefined, 64)}\n`), 'CONTRACT_ERR_MEMORY'],
  ['memory too large', contract(`  /x:\n    get:\n      operationId: x\n${lambda(undefined, undefined, 20000)}\n`), 'CONTRACT_ERR_MEMORY'],
  [
    'timeout over 30 s',
    contract(`  /x:\n    get:\n      operationId: x\n${lambda(undefined, undefined, 256, 31)}\n`),
    'CONTRACT_ERR_TIMEOUT',
  ],
  ['timeout zero', contract(`  /x:\n    get:\n      operationId: x\n${lambda(undefined, undefined, 256, 0)}\n`), 'CONTRACT_ERR_TIMEOUT'],
  [
    'missing handler file',
    contract(`  /x:\n    get:\n      operationId: x\n${lambda(undefined, 'handlers/nope.handler')}\n`),
    'CONTRACT_ERR_HANDLER_MISSING',
  ],
  [
    'duplicate operationId',
    contract(
      `  /x:\n    get:\n      operationId: x\n${lambda()}\n    post:\n      operationId: x\n${lambda('fn-b', 'handlers/b.handler')}\n`,
    ),
    'CONTRACT_ERR_OPERATION_ID',
  ],
  ['missing operationId', contract(`  /x:\n    get:\n${lambda()}\n`), 'CONTRACT_ERR_OPERATION_ID'],
  [
    'duplicate function',
    contract(`  /x:\n    get:\n      operationId: x\n${lambda()}\n    post:\n      operationId: y\n${lambda()}\n`),
    'CONTRACT_ERR_FUNCTION_NAME',
  ],
  ['invalid function name', contract(`  /x:\n    get:\n      operationId: x\n${lambda('bad name!')}\n`), 'CONTRACT_ERR_FUNCTION_NAME'],
  ['no operations', contract(''), 'CONTRACT_ERR_NO_ROUTES'],
  ['a runtime Lambda does not offer', contract(closeOp).replace('nodejs22.x', 'nodejs18.x'), 'CONTRACT_ERR_RUNTIME'],
  ['no runtime', contract(closeOp).replace('x-lambda-runtime: nodejs22.x\n', ''), 'CONTRACT_ERR_RUNTIME'],
  [
    'a zip name with a path',
    contract(`  /x:\n    get:\n      operationId: x\n${lambda(undefined, undefined, 256, 10, '../a.zip')}\n`),
    'CONTRACT_ERR_LAMBDA_BINDING',
  ],
  [
    'one zip for two functions',
    contract(
      `  /x:\n    get:\n      operationId: x\n${lambda()}\n    post:\n      operationId: y\n${lambda('fn-b', 'handlers/b.handler', 256, 10, 'a.zip')}\n`,
    ),
    'CONTRACT_ERR_LAMBDA_BINDING',
  ],
  [
    'no authorizer extension',
    contract(closeOp, { extra: 'components:\n  securitySchemes:\n    jwt: { type: http, scheme: bearer }\n' }),
    'CONTRACT_ERR_SECURITY',
  ],
  ['not YAML', ': : :\n  - [', 'CONTRACT_ERR_UNREADABLE'],
  [
    'notifications that are not a list',
    contract(closeOp, { top: 'x-lambda-s3-notifications: { function: f }\n' }),
    'CONTRACT_ERR_S3_NOTIFICATION',
  ],
  [
    'a notification event S3 does not have',
    contract(closeOp, { top: notifications(onUpload("events: ['s3:ObjectCreated:Upload']")) }),
    'CONTRACT_ERR_S3_EVENT',
  ],
  [
    'a notification on removals',
    contract(closeOp, { top: notifications(onUpload("events: ['s3:ObjectRemoved:*']")) }),
    'CONTRACT_ERR_S3_EVENT',
  ],
  [
    'an event name without s3:',
    contract(closeOp, { top: notifications(onUpload("events: ['ObjectCreated:Put']")) }),
    'CONTRACT_ERR_S3_EVENT',
  ],
  ['a notification without events', contract(closeOp, { top: notifications(onUpload('events: []')) }), 'CONTRACT_ERR_S3_NOTIFICATION'],
  [
    'a misspelt filter key',
    contract(closeOp, { top: notifications(onUpload("events: ['s3:ObjectCreated:*'], filter_prefx: uploads/")) }),
    'CONTRACT_ERR_S3_NOTIFICATION',
  ],
  [
    'an empty filter value',
    contract(closeOp, { top: notifications(onUpload("events: ['s3:ObjectCreated:*'], filter_prefix: ''")) }),
    'CONTRACT_ERR_S3_NOTIFICATION',
  ],
  [
    'overlapping notifications',
    contract(closeOp, {
      top: notifications(onUpload(), onUpload("events: ['s3:ObjectCreated:Put'], filter_prefix: uploads/a/", 'fn-c', 'c.zip')),
    }),
    'CONTRACT_ERR_S3_NOTIFICATION',
  ],
  [
    'a notification function that is also a route function',
    contract(closeOp, { top: notifications(onUpload(undefined, 'fn-a-{stage}')) }),
    'CONTRACT_ERR_FUNCTION_NAME',
  ],
  [
    'a notification zip that is also a route zip',
    contract(closeOp, { top: notifications(onUpload(undefined, undefined, 'a.zip')) }),
    'CONTRACT_ERR_LAMBDA_BINDING',
  ],
  [
    'a notification zip name with a path',
    contract(closeOp, { top: notifications(onUpload(undefined, undefined, '../b.zip')) }),
    'CONTRACT_ERR_LAMBDA_BINDING',
  ],
  [
    'a notification runtime Lambda does not offer',
    contract(closeOp, { top: notifications(`${onUpload()}, runtime: nodejs18.x`) }),
    'CONTRACT_ERR_RUNTIME',
  ],
  [
    'a notification timeout over 900 s',
    contract(closeOp, { top: notifications(onUpload().replace('timeout: 60', 'timeout: 901')) }),
    'CONTRACT_ERR_TIMEOUT',
  ],
  [
    'a notification handler that does not exist',
    contract(closeOp, { top: notifications(onUpload().replace('handlers/b.handler', 'handlers/nope.handler')) }),
    'CONTRACT_ERR_HANDLER_MISSING',
  ],
];

for (const [name, text, code] of refusals) {
  test(`refuses: ${name}`, () => {
    assert.throws(
      () => parseContract(text, options),
      (error) => error instanceof ContractError && error.code === code,
    );
  });
}

test('every code in the registry has a message', () => {
  for (const [code, message] of Object.entries(CONTRACT_ERRORS)) {
    assert.match(code, /^CONTRACT_ERR_[A-Z0-9_]+$/);
    assert.ok(message.length > 0);
  }
});
