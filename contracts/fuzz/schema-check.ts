// Checks a value against one of the contract's schemas with the same ajv set-up
// as the response validator (nullable rewritten, refs into the contract's
// components), so that "valid" means the same thing for requests and responses.
import type { ErrorObject } from 'ajv';
import { type ContractSchemas, type JsonObject, loadContractSchemas } from '../response-validator.ts';

export interface SchemaProblem {
  /** Where in the value (`['amount_disputed']`, `['items', '0']`), a missing or unknown property included; [] for the value itself. */
  path: string[];
  message: string;
}

/** The problems ajv finds with `value` against `schema`; empty when it is valid. */
export type SchemaCheck = (schema: unknown, value: unknown) => SchemaProblem[];

/** `contract` is the response validator's loaded openapi.yaml (another file's for a test); schemas are compiled once each. */
export function createSchemaCheck(contract: ContractSchemas = loadContractSchemas()): SchemaCheck {
  return (schema, value) => {
    const validate = contract.validatorFor(schema as JsonObject);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({ path: problemPath(error), message: error.message ?? error.keyword }));
  };
}

function problemPath(error: ErrorObject): string[] {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
  const named = (error.params as { missingProperty?: string; additionalProperty?: string }) ?? {};
  const property = named.missingProperty ?? named.additionalProperty;
  if (property !== undefined) segments.push(property);
  return segments;
}
