// Seeds the users and projects that exist in production but not locally, as
// docs/data-model.md lays them out. Never overwrites: an item already there
// (with, say, a project's active_dispute_id) is left as it is.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { KEY, keys } from '../../handlers/data/table-keys.ts';
import { inBatches, writeBatch } from '../../server/dynamodb/batch-write.ts';

export type SeedRole = 'client' | 'master' | 'mediator' | 'admin';

export interface SeedUser {
  id: number;
  name: string;
  avatar: string | null;
  role: SeedRole;
}

export interface SeedProject {
  id: number;
  title: string;
  client_id: number;
  master_id: number;
}

export interface SeedData {
  users: SeedUser[];
  projects: SeedProject[];
  /** The users the contract suite acts as locally (e2e/support/identities.ts); seeded like any user. */
  contractTestIdentities: ContractTestIdentity[];
}

export interface ContractTestIdentity {
  identity: string;
  id: number;
  name: string;
  role: SeedRole;
}

/** A block of projects for the load scripts (bench, soak): project `first_project_id + k` has client `first_user_id + 2k` and master `first_user_id + 2k + 1`. */
interface ContractTestProjects {
  first_project_id: number;
  count: number;
  first_user_id: number;
  title: string;
}

const SEED_DATA_URL = new URL('./seed-data.json', import.meta.url);

export function loadSeedData(): SeedData {
  const raw = JSON.parse(readFileSync(SEED_DATA_URL, 'utf8')) as Omit<SeedData, 'contractTestIdentities'> & {
    contract_test_projects?: ContractTestProjects;
    contract_test_identities?: ContractTestIdentity[];
  };
  const pool = raw.contract_test_projects;
  const contractTestIdentities = raw.contract_test_identities ?? [];
  const users = [...raw.users, ...contractTestIdentities.map(({ id, name, role }) => ({ id, name, avatar: null, role }))];
  const projects = [...raw.projects];
  for (let k = 0; pool && k < pool.count; k += 1) {
    const clientId = pool.first_user_id + 2 * k;
    users.push({ id: clientId, name: `Test Client ${clientId}`, avatar: null, role: 'client' });
    users.push({ id: clientId + 1, name: `Test Master ${clientId + 1}`, avatar: null, role: 'master' });
    projects.push({
      id: pool.first_project_id + k,
      title: `${pool.title} ${pool.first_project_id + k}`,
      client_id: clientId,
      master_id: clientId + 1,
    });
  }
  return { users, projects, contractTestIdentities };
}

const SEED_CONCURRENCY = 16;

export function profileItem(user: SeedUser): Record<string, unknown> {
  return { ...keys.profile(user.id), id: user.id, name: user.name, avatar: user.avatar, role: user.role };
}

export function projectItem(project: SeedProject): Record<string, unknown> {
  return {
    ...keys.project(project.id),
    id: project.id,
    title: project.title,
    client_id: project.client_id,
    master_id: project.master_id,
  };
}

// Which seed data a table was last seeded with, so a restart on a persisted data dir costs one read.
const SEED_MARKER_KEY = keys.seedMarker();

export async function seedTable(options: { client: DynamoDBDocumentClient; tableName: string }): Promise<void> {
  const seed = loadSeedData();
  const items = [...seed.users.map(profileItem), ...seed.projects.map(projectItem)];
  const version = createHash('sha256').update(JSON.stringify(items)).digest('hex');
  const TableName = options.tableName;
  const db = options.client;
  const marker = await db.send(new GetCommand({ TableName, Key: SEED_MARKER_KEY, ConsistentRead: true }));
  if (marker.Item?.version === version) return;
  const empty = ((await db.send(new ScanCommand({ TableName, Limit: 1 }))).Count ?? 0) === 0;
  if (empty) {
    // A new table: nothing to preserve, so write in batches.
    await Promise.all(
      inBatches(items).map((batch) =>
        writeBatch(
          db,
          TableName,
          batch.map((Item) => ({ PutRequest: { Item } })),
        ),
      ),
    );
  } else {
    await putEachIfAbsent(db, TableName, items);
  }
  await db.send(new PutCommand({ TableName, Item: { ...SEED_MARKER_KEY, version } }));
}

/** Never overwrites: an item already there (a project with its active_dispute_id) is left as it is. */
async function putEachIfAbsent(db: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]): Promise<void> {
  const putIfAbsent = async (item: Record<string, unknown>) => {
    try {
      await db.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: `attribute_not_exists(${KEY.pk})` }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  };
  // A few requests in flight hide the round trips; the emulator still applies them one at a time.
  for (let start = 0; start < items.length; start += SEED_CONCURRENCY) {
    await Promise.all(items.slice(start, start + SEED_CONCURRENCY).map(putIfAbsent));
  }
}
