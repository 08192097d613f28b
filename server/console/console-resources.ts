// The tables and buckets the console shows: every module's, each with the
// module it belongs to, and a table's key attributes from its definition.

export interface ConsoleTable {
  module: string;
  name: string;
  partitionKey: string;
  sortKey?: string;
}

export interface ConsoleBucket {
  module: string;
  name: string;
}

/** A table's key attribute names from its definition's KeySchema (CreateTable's input). */
export function keyAttributes(definition: Record<string, unknown>): Pick<ConsoleTable, 'partitionKey' | 'sortKey'> {
  const schema = Array.isArray(definition['KeySchema'])
    ? (definition['KeySchema'] as Array<{ AttributeName?: string; KeyType?: string }>)
    : [];
  const partitionKey = schema.find((key) => key.KeyType === 'HASH')?.AttributeName;
  const sortKey = schema.find((key) => key.KeyType === 'RANGE')?.AttributeName;
  if (!partitionKey) throw new Error(`table ${String(definition['TableName'])}: its KeySchema has no HASH key`);
  return { partitionKey, ...(sortKey ? { sortKey } : {}) };
}

/** The one named, or the first when no name is given; undefined for a name that is none of them. */
export function chosen<T extends { name: string }>(all: readonly T[], name: string | undefined): T | undefined {
  return name === undefined || name === '' ? all[0] : all.find((candidate) => candidate.name === name);
}
