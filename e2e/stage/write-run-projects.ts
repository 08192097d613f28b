// Writes a run's projects (run-projects.ts) into the table, as the marketplace
// would have created them. Never overwrites: a project id already there means
// the run id was taken (RunIdTaken). When writing fails halfway, what this
// call wrote is deleted again before the error goes on, so a run that never
// started leaves nothing behind.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { KEY, keys } from '../../handlers/data/table-keys.ts';
import { projectItem } from '../../local/seed/seed-table.ts';
import { runProject, type Side } from './run-projects.ts';
import type { StageTable } from './stage-table.ts';

export interface SideParties {
  client: number;
  master: number;
}

export class RunIdTaken extends Error {}

const IN_FLIGHT = 16;

export async function writeRunProjects(table: StageTable, runId: string, count: number, parties: Record<Side, SideParties>): Promise<void> {
  const projects = Array.from({ length: count }, (_, k) => runProject(runId, k));
  const written: number[] = [];
  try {
    for (let start = 0; start < projects.length; start += IN_FLIGHT) {
      const outcomes = await Promise.allSettled(
        projects.slice(start, start + IN_FLIGHT).map(async (project) => {
          const side = parties[project.side];
          const Item = projectItem({ id: project.id, title: project.title, client_id: side.client, master_id: side.master });
          await table.db.send(new PutCommand({ TableName: table.name, Item, ConditionExpression: `attribute_not_exists(${KEY.pk})` }));
          written.push(project.id);
        }),
      );
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    }
  } catch (error) {
    await Promise.allSettled(written.map((id) => table.db.send(new DeleteCommand({ TableName: table.name, Key: keys.project(id) }))));
    if (error instanceof ConditionalCheckFailedException) throw new RunIdTaken(`run ${runId} has projects in ${table.name} already`);
    throw error;
  }
}
