// The domain's lists of statuses, reasons, roles... are what the rules and the
// request schemas iterate; the contract's enums are what clients see. `satisfies`
// only proves each listed value is in the contract: this proves none is missing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { EVIDENCE_CONTENT_TYPES } from './content-sniffing.ts';
import { DISPUTE_ACTIONS, DISPUTE_PRIORITIES, DISPUTE_REASONS, DISPUTE_STATUSES, RESOLUTION_TYPES, ROLES } from './dispute.ts';

const schemas = (
  parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as {
    components: { schemas: Record<string, { enum?: string[] }> };
  }
).components.schemas;

const lists: Record<string, readonly string[]> = {
  DisputeStatus: DISPUTE_STATUSES,
  DisputeReason: DISPUTE_REASONS,
  DisputePriority: DISPUTE_PRIORITIES,
  ResolutionType: RESOLUTION_TYPES,
  Role: ROLES,
  DisputeAction: DISPUTE_ACTIONS,
  EvidenceContentType: EVIDENCE_CONTENT_TYPES,
};

for (const [schema, list] of Object.entries(lists)) {
  test(`the domain's list of ${schema} is exactly the contract's enum`, () => {
    const declared = schemas[schema]?.enum;
    assert.ok(declared, `openapi.yaml has no enum ${schema}`);
    assert.deepEqual([...list].sort(), [...declared].sort());
  });
}
