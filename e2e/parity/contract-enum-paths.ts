// Where an answer's JSON holds a value from a fixed set: the paths of the
// contract's enums in the response schema of an operation, status and media
// type (`$.status`, `$.allowed_actions[]`). An exchange keeps the values at
// these paths, so that another status of a dispute, or another action
// offered, is a difference and not just "a string".
import { type ContractDocument, dereference, isObject } from '../../contracts/fuzz/contract-document.ts';
import { readSchema } from '../../contracts/fuzz/read-schema.ts';
import type { SchemaNode } from '../../contracts/fuzz/schema-node.ts';

const NONE: ReadonlySet<string> = new Set();

export type EnumPaths = (route: string, method: string, status: number, media: string) => ReadonlySet<string>;

/** A lookup of enum paths, each response schema read once; an undocumented response has none. */
export function contractEnumPaths(document: ContractDocument): EnumPaths {
  const cache = new Map<string, ReadonlySet<string>>();
  return (route, method, status, media) => {
    const key = `${method} ${route} ${status} ${media}`;
    let paths = cache.get(key);
    if (!paths) {
      paths = responseEnumPaths(document, route, method.toLowerCase(), String(status), media);
      cache.set(key, paths);
    }
    return paths;
  };
}

function responseEnumPaths(document: ContractDocument, route: string, method: string, status: string, media: string): ReadonlySet<string> {
  const operation = document.paths[route]?.[method];
  const responses = isObject(operation) ? operation['responses'] : undefined;
  if (!isObject(responses) || responses[status] === undefined) return NONE;
  const content = dereference(document, responses[status])['content'];
  const schema = isObject(content) && isObject(content[media]) ? content[media]['schema'] : undefined;
  if (schema === undefined) return NONE;
  const paths = new Set<string>();
  collect(readSchema(document, schema, `${method} ${route} ${status}`), '$', paths);
  return paths;
}

function collect(node: SchemaNode, path: string, paths: Set<string>): void {
  switch (node.kind) {
    case 'object':
      for (const [name, property] of Object.entries(node.properties)) collect(property, `${path}.${name}`, paths);
      return;
    case 'array':
      collect(node.items, `${path}[]`, paths);
      return;
    case 'oneOf':
    case 'anyOf':
      for (const branch of node.branches) collect(branch, path, paths);
      return;
    default:
      // `enum: [null]` marks a nullable field's null, not a set of values.
      if (node.enum?.some((value) => value !== null)) paths.add(path);
  }
}
