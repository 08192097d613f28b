// Writes a run's projects (run-projects.ts) into the table, as the marketplace
// would have created them. Never overwrites: a project id already there means
// the run id was taken, and the run stops before any test.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { KEY } from '../../handlers/data/table-keys.ts';
import { projectItem } from '../../server/seed/seed-table.ts';
import { runProject, type Side } from './run-projects.ts';
import type { StageTable } from './stage-table.ts';

export interface SideParties {
  client: number;
  master: number;
}

const IN_FLIGHT = 16;

export async function writeRunProjects(table: StageTable, runId: string, count: number, parties: Record<Side, SideParties>): Promise<void> {
  const projects = Array.from({ length: count }, (_, k) => runProject(runId, k));
  for (let start = 0; start < projects.length; start += IN_FLIGHT) {
    await Promise.all(
      projects.slice(start, start + IN_FLIGHT).map(async (project) => {
        const side = parties[project.side];
        const Item = projectItem({ id: project.id, title: project.title, client_id: side.client, master_id: side.master });
        try {
          await table.db.send(new PutCommand({ TableName: table.name, Item, ConditionExpression: `attribute_not_exists(${KEY.pk})` }));
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) {
            throw new Error(`project ${project.id} is already in ${table.name}: run ${runId} was used before; start a new run`);
          }
          throw error;
        }
      }),
    );
  }
}
