// Keeps the key names the handlers write in step with infra/table.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { INDEX, KEY, keys, pad } from './table-keys.ts';

interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}
interface TableDefinition {
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  GlobalSecondaryIndexes: { IndexName: string; KeySchema: KeySchemaElement[]; Projection: { ProjectionType: string } }[];
}

const table = JSON.parse(readFileSync(new URL('../../infra/table.json', import.meta.url), 'utf8')) as TableDefinition;
const keyNames = (schema: KeySchemaElement[]) => [
  schema.find((element) => element.KeyType === 'HASH')?.AttributeName,
  schema.find((element) => element.KeyType === 'RANGE')?.AttributeName,
];

test('base table keys match infra/table.json', () => {
  assert.deepEqual(keyNames(table.KeySchema), [KEY.pk, KEY.sk]);
  assert.deepEqual(Object.keys(keys.dispute(1)), [KEY.pk, KEY.sk]);
});

test('GSI names, keys and projections match infra/table.json', () => {
  const gsi = (name: string) => table.GlobalSecondaryIndexes.find((index) => index.IndexName === name);
  assert.deepEqual(keyNames(gsi(INDEX.gsi1)?.KeySchema ?? []), [KEY.gsi1pk, KEY.gsi1sk]);
  assert.deepEqual(keyNames(gsi(INDEX.gsi2)?.KeySchema ?? []), [KEY.gsi2pk, KEY.gsi2sk]);
  // The lists read whole dispute and message items from the indexes.
  assert.equal(gsi(INDEX.gsi1)?.Projection.ProjectionType, 'ALL');
  assert.equal(gsi(INDEX.gsi2)?.Projection.ProjectionType, 'ALL');
});

test('every key attribute is a string attribute', () => {
  for (const name of Object.values(KEY)) {
    const definition = table.AttributeDefinitions.find((attribute) => attribute.AttributeName === name);
    assert.equal(definition?.AttributeType, 'S', name);
  }
});

test('ids in keys are padded to 12 digits', () => {
  assert.equal(pad(7), '000000000007');
  assert.deepEqual(keys.message(3, 12), { PK: 'DISPUTE#3', SK: 'MSG#000000000012' });
});
