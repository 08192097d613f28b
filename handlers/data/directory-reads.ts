// User profiles and projects: owned by the marketplace, read-only here.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../domain/dispute.ts';
import type { Table } from './table.ts';
import { keys } from './table-keys.ts';

export interface Profile {
  id: number;
  name: string | null;
  avatar: string | null;
  role: Role;
}

export interface Project {
  id: number;
  title: string;
  client_id: number;
  master_id: number;
  active_dispute_id: number | null;
}

export type DirectoryReads = ReturnType<typeof createDirectoryReads>;

export function createDirectoryReads(table: Table) {
  const getItem = async (key: Record<string, string>): Promise<Record<string, unknown> | undefined> =>
    (await table.client.send(new GetCommand({ TableName: table.name, Key: key }))).Item;

  return {
    async profile(userId: number): Promise<Profile | null> {
      const item = await getItem(keys.profile(userId));
      if (!item) return null;
      return {
        id: Number(item['id'] ?? userId),
        name: typeof item['name'] === 'string' ? item['name'] : null,
        avatar: typeof item['avatar'] === 'string' ? item['avatar'] : null,
        role: item['role'] as Role,
      };
    },

    async project(projectId: number): Promise<Project | null> {
      const item = await getItem(keys.project(projectId));
      if (!item) return null;
      return {
        id: Number(item['id'] ?? projectId),
        title: String(item['title'] ?? ''),
        client_id: Number(item['client_id']),
        master_id: Number(item['master_id']),
        active_dispute_id:
          item['active_dispute_id'] === undefined || item['active_dispute_id'] === null ? null : Number(item['active_dispute_id']),
      };
    },
  };
}
