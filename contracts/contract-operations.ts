// The contract's operations as a list — id, method, path template and the
// statuses it documents — and which operation a concrete request is, matched
// on the path template as API Gateway matches routes.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
  /** Documented response statuses, in the contract's order. */
  statuses: string[];
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export function contractOperations(contractUrl: URL = new URL('../openapi.yaml', import.meta.url)): ContractOperation[] {
  const document = parse(readFileSync(contractUrl, 'utf8')) as {
    paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        statuses: Object.keys(operation.responses),
      })),
  );
}

const templatePattern = (path: string) => new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`);

/** The operation a request with this method and URL path is, if any. */
export function operationOf(operations: readonly ContractOperation[], method: string, pathname: string): ContractOperation | undefined {
  return operations.find((operation) => operation.method === method.toUpperCase() && templatePattern(operation.path).test(pathname));
}
