// For use-case tests: every store built on a fresh in-memory table (dynalite,
// through the SDK as in Lambda), a clock the test moves, no backoff sleeps,
// and a way to open a dispute on a project of its own.
import type { TestContext } from 'node:test';
import { startEmulatedTable } from '../../../server/dynamodb/test-fixtures/emulated-table.ts';
import { createDirectoryReads } from '../../data/directory-reads.ts';
import { createDisputeReads } from '../../data/dispute-reads.ts';
import { createDisputeWrites } from '../../data/dispute-writes.ts';
import { createEvidenceReads } from '../../data/evidence-reads.ts';
import { createEvidenceWrites } from '../../data/evidence-writes.ts';
import { createIdempotencyStore } from '../../data/idempotency-store.ts';
import { createMessageWrites } from '../../data/message-writes.ts';
import { openTable, type Table } from '../../data/table.ts';
import { keys } from '../../data/table-keys.ts';
import type { Dispute } from '../../domain/dispute.ts';
import { aDispute } from '../../domain/dispute-fixtures.ts';

/** Every store on this table, with the given clock and no backoff sleeps. */
export function storesOn(table: Table, clock: () => Date) {
  return {
    clock,
    backoff: async () => undefined,
    disputes: createDisputeReads(table),
    directory: createDirectoryReads(table),
    disputeWrites: createDisputeWrites(table),
    evidence: createEvidenceReads(table),
    evidenceWrites: createEvidenceWrites(table),
    messageWrites: createMessageWrites(table),
    idempotency: createIdempotencyStore(table),
  };
}

export async function emulatedStores(t: TestContext) {
  const emulated = await startEmulatedTable(t);
  const table = openTable(emulated.tableName, emulated.client);
  let now = new Date('2026-11-26T10:00:00.000Z');
  const deps = storesOn(table, () => new Date(now));
  let nextId = 1;

  return {
    emulated,
    deps,
    advanceClock(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    /** A new open dispute (Alice against Bob, see dispute-fixtures.ts) on a project of its own. */
    async openDispute(overrides: Partial<Dispute> = {}): Promise<Dispute> {
      const id = nextId++;
      const dispute = aDispute({
        id,
        project: { id: 1000 + id, title: `Project ${id}` },
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        ...overrides,
      });
      await emulated.put({
        ...keys.project(dispute.project.id),
        id: dispute.project.id,
        client_id: dispute.initiator.id,
        master_id: dispute.respondent.id,
      });
      const outcome = await deps.disputeWrites.create(dispute, 'Dispute opened');
      if ('conflict' in outcome) throw new Error('the fixture project already has a dispute');
      return dispute;
    },
  };
}
