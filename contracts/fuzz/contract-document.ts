// The contract as data: openapi.yaml parsed once, and local `$ref`s followed
// through it. The fuzzing library reads schemas from here rather than from a
// copy, so that what it generates follows the contract as it is today.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type SchemaObject = { [key: string]: unknown };

/** The parsed openapi.yaml; only `paths` and `components` are read. */
export interface ContractDocument {
  paths: { [path: string]: { [key: string]: unknown } };
  components?: { [section: string]: { [name: string]: unknown } };
  [key: string]: unknown;
}

export const CONTRACT_FILE = new URL('../../openapi.yaml', import.meta.url);

export function loadContractDocument(file: URL | string = CONTRACT_FILE): ContractDocument {
  const document = parse(readFileSync(file, 'utf8')) as unknown;
  if (!isObject(document) || !isObject(document['paths'])) throw new Error(`${String(file)} is not an OpenAPI document with paths`);
  return document as ContractDocument;
}

/** The node a local JSON pointer (`#/components/schemas/Money`) names; throws for any other kind of ref. */
export function resolvePointer(document: ContractDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`$ref ${ref}: only refs inside the contract (#/...) are supported`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(node) || !(key in node)) throw new Error(`$ref ${ref} does not resolve`);
    node = node[key];
  }
  return node;
}

/** A node with its `$ref` chain followed, e.g. a parameter or a response given by reference. */
export function dereference(document: ContractDocument, node: unknown): SchemaObject {
  const seen = new Set<string>();
  let current = node;
  while (isObject(current) && typeof current['$ref'] === 'string') {
    const ref = current['$ref'];
    if (seen.has(ref)) throw new Error(`$ref ${ref} refers to itself`);
    seen.add(ref);
    current = resolvePointer(document, ref);
  }
  if (!isObject(current)) throw new Error(`expected an object, found ${JSON.stringify(current)}`);
  return current;
}

export function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
