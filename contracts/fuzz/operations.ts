// Every operation of the contract (method + path template), with what a
// request to it may carry: parameters, the JSON body's schema, and the
// statuses it documents. Request schemas are read eagerly, so an unsupported
// keyword anywhere in a request fails here, before anything is generated.
import { type ContractDocument, dereference, isObject, type SchemaObject } from './contract-document.ts';
import { documentedStatuses } from './documented-statuses.ts';
import { readSchema } from './read-schema.ts';
import type { SchemaNode } from './schema-node.ts';

export type ParameterLocation = 'path' | 'query' | 'header';

export interface OperationParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  /** `path.id`, `query.limit`, `header.idempotency-key`: the key the server's FieldError uses (header names in lower case). */
  field: string;
  /** As written in the contract, for ajv. */
  schema: unknown;
  node: SchemaNode;
}

export interface OperationBody {
  required: boolean;
  /** Every media type the operation declares, e.g. `application/json`, `multipart/form-data`. */
  mediaTypes: string[];
  /** The `application/json` schema; other media types (multipart) are not generated. */
  json?: { schema: unknown; node: SchemaNode };
}

export interface FuzzOperation {
  operationId: string;
  /** Upper case, e.g. `POST`. */
  method: string;
  /** The contract's template, e.g. `/disputes/{id}/close`. */
  path: string;
  parameters: OperationParameter[];
  body?: OperationBody;
  /** The statuses listed under `responses`, ascending. */
  statuses: number[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
const PARAMETER_KEYS = new Set(['name', 'in', 'required', 'schema', 'description', 'example', 'deprecated']);

export function fuzzOperations(document: ContractDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const at = `#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`;
      const operationId = operation['operationId'];
      if (typeof operationId !== 'string') throw new Error(`${at}: no operationId`);
      const parameters = readParameters(document, [...list(item['parameters']), ...list(operation['parameters'])], at);
      const body = operation['requestBody'] === undefined ? undefined : readBody(document, operation['requestBody'], `${at}/requestBody`);
      operations.push({
        operationId,
        method: method.toUpperCase(),
        path,
        parameters,
        ...(body ? { body } : {}),
        statuses: documentedStatuses(operation['responses'], `${at}/responses`),
      });
    }
  }
  return operations;
}

/** The operation with this operationId; throws when the contract has none. */
export function findOperation(operations: readonly FuzzOperation[], operationId: string): FuzzOperation {
  const found = operations.find((operation) => operation.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in the contract`);
  return found;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function readParameters(document: ContractDocument, raw: unknown[], at: string): OperationParameter[] {
  // An operation's parameter replaces the path item's of the same name and location.
  const byKey = new Map<string, OperationParameter>();
  raw.forEach((entry, index) => {
    const parameter = dereference(document, entry);
    const where = `${at}/parameters/${index}`;
    const unknown = Object.keys(parameter).filter((key) => !PARAMETER_KEYS.has(key) && !key.startsWith('x-'));
    if (unknown.length > 0)
      throw new Error(
        `${where}: parameter keys ${unknown.join(', ')} are not supported (only schema-described parameters in their default style)`,
      );
    const { name, in: location } = parameter;
    if (typeof name !== 'string' || (location !== 'path' && location !== 'query' && location !== 'header')) {
      throw new Error(`${where}: only named path, query and header parameters are supported`);
    }
    const key = `${location}.${location === 'header' ? name.toLowerCase() : name}`;
    const node = readSchema(document, parameter['schema'], `${where}/schema`);
    if (node.kind === 'object' || node.kind === 'array' || node.kind === 'oneOf' || node.kind === 'anyOf') {
      throw new Error(`${where}: ${node.kind} parameters are not supported (their serialisation has styles)`);
    }
    byKey.set(key, {
      name,
      in: location,
      required: location === 'path' || parameter['required'] === true,
      field: key,
      schema: parameter['schema'],
      node,
    });
  });
  return [...byKey.values()];
}

function readBody(document: ContractDocument, raw: unknown, at: string): OperationBody {
  const body: SchemaObject = dereference(document, raw);
  const content = body['content'];
  if (!isObject(content) || Object.keys(content).length === 0) throw new Error(`${at}: a request body needs content`);
  const mediaTypes = Object.keys(content).map((type) => type.toLowerCase());
  const json = content['application/json'];
  const schema = isObject(json) ? json['schema'] : undefined;
  return {
    required: body['required'] === true,
    mediaTypes,
    ...(schema === undefined ? {} : { json: { schema, node: readSchema(document, schema, `${at}/content/application~1json/schema`) } }),
  };
}
