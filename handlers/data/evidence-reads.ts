// Reading a dispute's evidence items (strongly consistent).
import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { storedEvidenceFrom, type StoredEvidence } from './evidence-item.ts';
import type { Table } from './table.ts';
import { KEY_PREFIX, keys } from './table-keys.ts';

export type EvidenceReads = ReturnType<typeof createEvidenceReads>;

export function createEvidenceReads(table: Table) {
  return {
    async list(disputeId: number): Promise<StoredEvidence[]> {
      const items: StoredEvidence[] = [];
      const pages = paginateQuery(
        { client: table.client },
        {
          TableName: table.name,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :evidence)',
          ExpressionAttributeValues: { ':pk': keys.dispute(disputeId).PK, ':evidence': KEY_PREFIX.evidence },
          ConsistentRead: true,
        },
      );
      for await (const page of pages) items.push(...(page.Items ?? []).map(storedEvidenceFrom));
      return items;
    },

    /** One evidence item as stored now, or null. */
    async get(disputeId: number, evidenceId: number): Promise<StoredEvidence | null> {
      const current = await table.client.send(
        new GetCommand({ TableName: table.name, Key: keys.evidence(disputeId, evidenceId), ConsistentRead: true }),
      );
      return current.Item ? storedEvidenceFrom(current.Item) : null;
    },
  };
}
