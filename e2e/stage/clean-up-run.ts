// What a run leaves behind, removed: every dispute of its projects that is
// still active is closed by the admin identity, through the API as staff would
// close it (an admin may close any active dispute), then the run's projects are
// deleted from the table when the caller has access to it. The disputes to
// close are found twice over: in the staff lists by status (API only), and,
// with table access, in each project's active_dispute_id read consistently
// (the lists come from indexes, which DynamoDB updates a moment later). Used by the global
// teardown of every run, failed or not, and by `npm run stage:cleanup` for a
// run that was killed.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import createClient from 'openapi-fetch';
import type { Dispute, paths } from '../../contracts/api.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { KEY, keys } from '../../handlers/data/table-keys.ts';
import { ACTIVE_STATUSES } from '../../handlers/domain/dispute.ts';
import { patientFetch } from './patient-fetch.ts';
import { allRunProjects, runOfProject } from './run-projects.ts';
import type { StageTable } from './stage-table.ts';

export interface CleanupResult {
  closed: number[];
  /** Active disputes of the run still there after the cleanup (none, unless something refused). */
  stillActive: number[];
  projectsRemoved: boolean;
}

export interface CleanupOptions {
  runId: string;
  baseUrl: string;
  adminToken: string;
  /** Without it, the projects stay (they block nothing once their disputes are closed). */
  table?: StageTable;
}

const PAGE = 100;

export async function cleanUpRun(options: CleanupOptions): Promise<CleanupResult> {
  const api = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { authorization: `Bearer ${options.adminToken}` },
    fetch: patientFetch,
  });

  // Staff list every dispute by status, newest first; the run's are the ones on its projects.
  const activeOfRun = async (): Promise<Dispute[]> => {
    const found: Dispute[] = [];
    for (const status of ACTIVE_STATUSES) {
      let cursor: string | undefined;
      do {
        const { data, response } = await api.GET('/disputes', { params: { query: { status, limit: PAGE, cursor } } });
        if (!data) throw new Error(`listing ${status} disputes as admin: ${response.status}`);
        found.push(...data.results.filter((dispute) => runOfProject(dispute.project.id) === options.runId));
        cursor = data.next_cursor ?? undefined;
      } while (cursor);
    }
    return found;
  };

  const closed: number[] = [];
  const listed = (await activeOfRun()).map((dispute) => dispute.id);
  const held = options.table ? await activeDisputesOfProjects(options.table, options.runId) : [];
  for (const id of new Set([...listed, ...held])) {
    const { response } = await api.POST('/disputes/{id}/close', {
      params: { path: { id } },
      body: { reason: `Contract test run ${options.runId} cleanup` },
    });
    // 409: it left the active statuses meanwhile; the check below tells.
    if (response.status === 200) closed.push(id);
    else if (response.status !== 409) throw new Error(`closing dispute ${id} as admin: ${response.status}`);
  }
  const stillActive = [
    ...new Set([
      ...(await activeOfRun()).map((dispute) => dispute.id),
      ...(options.table ? await activeDisputesOfProjects(options.table, options.runId) : []),
    ]),
  ];

  let projectsRemoved = false;
  if (options.table && stillActive.length === 0) {
    await removeRunProjects(options.table, options.runId);
    projectsRemoved = true;
  }
  return { closed, stillActive, projectsRemoved };
}

const IN_FLIGHT = 16;
const BATCH_GET_MAX = 100;
/** The project attribute that holds its active dispute (docs/data-model.md), the one-active-dispute rule. */
const ACTIVE_DISPUTE = 'active_dispute_id';

/** The run's projects that are in the table (a run writes fewer than the most it may have), read consistently. */
async function existingProjects(table: StageTable, runId: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const all = allRunProjects(runId).map((project) => keys.project(project.id));
  for (let start = 0; start < all.length; start += BATCH_GET_MAX) {
    let pending: Record<string, string>[] = all.slice(start, start + BATCH_GET_MAX);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      // DynamoDB's advice for unprocessed keys: retry them with exponential backoff.
      if (attempt > 0) await sleep(Math.min(5_000, 50 * 2 ** attempt));
      const result = await table.db.send(
        new BatchGetCommand({
          RequestItems: {
            [table.name]: { Keys: pending, ConsistentRead: true, ProjectionExpression: `${KEY.pk}, ${KEY.sk}, ${ACTIVE_DISPUTE}` },
          },
        }),
      );
      found.push(...(result.Responses?.[table.name] ?? []));
      pending = (result.UnprocessedKeys?.[table.name]?.Keys ?? []) as Record<string, string>[];
    }
  }
  return found;
}

async function activeDisputesOfProjects(table: StageTable, runId: string): Promise<number[]> {
  return (await existingProjects(table, runId)).flatMap((item) => (typeof item[ACTIVE_DISPUTE] === 'number' ? [item[ACTIVE_DISPUTE]] : []));
}

/** Deletes the run's projects that hold no active dispute; throws naming one that does. */
export async function removeRunProjects(table: StageTable, runId: string): Promise<void> {
  const projects = await existingProjects(table, runId);
  for (let start = 0; start < projects.length; start += IN_FLIGHT) {
    await Promise.all(
      projects.slice(start, start + IN_FLIGHT).map(async (item) => {
        const Key = { [KEY.pk]: String(item[KEY.pk]), [KEY.sk]: String(item[KEY.sk]) };
        try {
          // Only a project with no active dispute goes.
          await table.db.send(
            new DeleteCommand({ TableName: table.name, Key, ConditionExpression: `attribute_not_exists(${ACTIVE_DISPUTE})` }),
          );
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          throw new Error(`${Key['PK']} of run ${runId} still has an active dispute`);
        }
      }),
    );
  }
}
