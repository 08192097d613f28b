// The table a run writes its projects into: a stage's, with the caller's own
// AWS credentials and region (the SDK's usual chain; AWS_ENDPOINT_URL_DYNAMODB
// points it elsewhere), or the emulator's, at the endpoint the suite started
// it with.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput, readTableDefinition } from '../../server/dynamodb/create-table.ts';
import { DEFAULT_STAGE, localClientConfig } from '../../server/local-aws.ts';
import { fileURLToPath } from 'node:url';

export interface StageTable {
  name: string;
  db: DynamoDBDocumentClient;
}

/** A call that hangs is retried by the SDK rather than holding the run. */
const requestHandler = { connectionTimeout: 5_000, requestTimeout: 15_000 };

/** The emulator's table, as infra/table.json names it for the local stage. */
/** The module's table definition, which the emulator and Terraform read. */
const TABLE_FILE = fileURLToPath(new URL('../../infra/table.json', import.meta.url));

export const localTableName = (): string => String(createTableInput(readTableDefinition(TABLE_FILE), DEFAULT_STAGE).TableName);

export function stageTable(name: string, options: { region?: string; localEndpoint?: string } = {}): StageTable {
  const client = options.localEndpoint
    ? new DynamoDBClient({ ...localClientConfig(options.localEndpoint), requestHandler })
    : new DynamoDBClient({ requestHandler, ...(options.region ? { region: options.region } : {}) });
  return { name, db: DynamoDBDocumentClient.from(client) };
}
