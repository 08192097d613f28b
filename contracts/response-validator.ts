// Checks a real response against what openapi.yaml says that operation can
// return: the status must be listed, the content type must be one the status
// declares, and the body must match its schema. The e2e suite runs every
// response through it, so a handler and the contract cannot drift apart.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const CONTRACT_ID = 'contract.json';
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/**
 * OpenAPI 3.0's `nullable` is not JSON Schema: rewrite it as `anyOf [..., null]` and point refs at the contract id.
 * Its `exclusiveMinimum: true` flags `minimum` as exclusive, where JSON Schema's `exclusiveMinimum` is the bound itself.
 */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example') continue;
    if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = CONTRACT_ID + value;
    else out[key] = toJsonSchema(value);
  }
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    const limit = node[bound];
    if (node[flag] === true && typeof limit === 'number') {
      out[flag] = limit;
      delete out[bound];
    }
  }
  return node.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/** openapi.yaml parsed, with what it takes to read and validate against it. */
export interface ContractSchemas {
  document: JsonObject;
  /** Follows a local `$ref` (e.g. `#/components/responses/BadRequest`) to what it names; any other node is returned as it is. */
  resolve(node: Json | undefined): Json | undefined;
  /** A validator for one schema of the contract, its refs resolved against the contract's components; compiled once per schema. */
  validatorFor(schema: JsonObject): ValidateFunction;
}

export function loadContractSchemas(contractPath: URL | string = new URL('../openapi.yaml', import.meta.url)): ContractSchemas {
  const document = parse(readFileSync(contractPath, 'utf8')) as JsonObject;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: CONTRACT_ID, components: toJsonSchema(document.components as JsonObject) } as object);
  const compiled = new WeakMap<JsonObject, ValidateFunction>();

  const resolve = (node: Json | undefined): Json | undefined => {
    const seen = new Set<string>();
    let current = node;
    while (current !== null && typeof current === 'object' && !Array.isArray(current) && typeof current.$ref === 'string') {
      const ref = current.$ref;
      if (!ref.startsWith('#/') || seen.has(ref)) return current;
      seen.add(ref);
      current = ref
        .slice(2)
        .split('/')
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce<Json | undefined>(
          (at, part) => (at !== null && typeof at === 'object' && !Array.isArray(at) ? at[part] : undefined),
          document,
        );
    }
    return current;
  };

  return {
    document,
    resolve,
    validatorFor(schema) {
      let validate = compiled.get(schema);
      if (!validate) {
        validate = ajv.compile(toJsonSchema(schema) as object);
        compiled.set(schema, validate);
      }
      return validate;
    },
  };
}

export interface ResponseVerdict {
  ok: boolean;
  problems: string[];
}

export interface ResponseValidator {
  /** `path` is the contract's template, e.g. `/disputes/{id}`; method in any case. */
  check(method: string, path: string, status: number, contentType: string | null, body: unknown): ResponseVerdict;
}

export function createResponseValidator(contractPath: URL | string = new URL('../openapi.yaml', import.meta.url)): ResponseValidator {
  const contract = loadContractSchemas(contractPath);

  return {
    check(method, path, status, contentType, body) {
      const operation = ((contract.document.paths as JsonObject)[path] as JsonObject | undefined)?.[method.toLowerCase()] as
        | JsonObject
        | undefined;
      if (!operation) return { ok: false, problems: [`${method} ${path} is not in the contract`] };
      const responses = operation.responses as JsonObject;
      const declared = responses[String(status)] as JsonObject | undefined;
      if (!declared) {
        return { ok: false, problems: [`${method} ${path} may not answer ${status} (declared: ${Object.keys(responses).join(', ')})`] };
      }
      const content = (contract.resolve(declared) as JsonObject).content as JsonObject | undefined;
      if (!content) return { ok: true, problems: [] };
      const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
      const media = content[mediaType] as JsonObject | undefined;
      if (!media) {
        return {
          ok: false,
          problems: [`${method} ${path} ${status} answered ${mediaType || 'no content type'}, declared ${Object.keys(content).join(', ')}`],
        };
      }
      const key = `${method} ${path} ${status} ${mediaType}`;
      const validate = contract.validatorFor(media.schema as JsonObject);
      if (validate(body)) return { ok: true, problems: [] };
      const problems = (validate.errors ?? []).map((error) => `${key}: ${error.instancePath || '(body)'} ${error.message ?? ''}`);
      return { ok: false, problems };
    },
  };
}
