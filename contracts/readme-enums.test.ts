// The README lists the values each enum field takes; they must be the contract's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';

const schemas = (
  parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8')) as {
    components: { schemas: Record<string, { enum?: string[] }> };
  }
).components.schemas;
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const block = readme.slice(readme.indexOf('<!-- enums:start -->'), readme.indexOf('<!-- enums:end -->'));

test("the README's enum values are the contract's", () => {
  for (const [field, schema] of [
    ['`reason`', 'DisputeReason'],
    ['`status`', 'DisputeStatus'],
    ['`priority`', 'DisputePriority'],
    ['`resolution_type`', 'ResolutionType'],
    ['`role`', 'Role'],
    ['evidence `content_type`', 'EvidenceContentType'],
  ] as const) {
    const line = block.split('\n').find((candidate) => candidate.startsWith(`- ${field}: `));
    assert.equal(line, `- ${field}: ${schemas[schema]?.enum?.join(', ')}`, schema);
  }
});
