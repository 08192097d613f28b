// Creates a module's table from its definition file (CreateTable's input as
// JSON, plus TimeToLiveAttribute; the file Terraform reads too), and enables
// Time to Live on its TimeToLiveAttribute. Idempotent, so a persisted data dir
// keeps its table and items.
import { readFileSync } from 'node:fs';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { localClientConfig } from '../local-aws.ts';

// Keys of table.json that are not CreateTable parameters (TTL is a separate API call).
const NOT_CREATE_TABLE_KEYS = ['TimeToLiveAttribute'];

/** CreateTable input for a stage: `{stage}` replaced, non-CreateTable keys left out. */
export function createTableInput(definition: Record<string, unknown>, stage: string): CreateTableCommandInput {
  const input = Object.fromEntries(Object.entries(definition).filter(([key]) => !NOT_CREATE_TABLE_KEYS.includes(key)));
  return { ...input, TableName: String(definition.TableName).replaceAll('{stage}', stage) } as CreateTableCommandInput;
}

export function readTableDefinition(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

async function tableStatus(client: DynamoDBClient, tableName: string): Promise<string | undefined> {
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return described.Table?.TableStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Enables TTL on the attribute unless it is on already (AWS refuses to enable it twice). */
async function enableTimeToLive(client: DynamoDBClient, tableName: string, attributeName: string): Promise<void> {
  const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = TimeToLiveDescription?.TimeToLiveStatus;
  if ((status === 'ENABLED' || status === 'ENABLING') && TimeToLiveDescription?.AttributeName === attributeName) return;
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: attributeName, Enabled: true } }),
  );
}

export async function createTable(options: { endpoint: string; stage: string; file: string }): Promise<{ tableName: string }> {
  const definition = readTableDefinition(options.file);
  const input = createTableInput(definition, options.stage);
  const tableName = String(input.TableName);
  const client = new DynamoDBClient(localClientConfig(options.endpoint));
  try {
    if ((await tableStatus(client, tableName)) === undefined) {
      try {
        await client.send(new CreateTableCommand(input));
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
    }
    // The SDK waiter polls every 20 s at least; the emulator is ready within milliseconds.
    const deadline = Date.now() + 10_000;
    while ((await tableStatus(client, tableName)) !== 'ACTIVE') {
      if (Date.now() > deadline) throw new Error(`table ${tableName} did not become ACTIVE`);
      await sleep(10);
    }
    if (typeof definition.TimeToLiveAttribute === 'string') {
      await enableTimeToLive(client, tableName, definition.TimeToLiveAttribute);
    }
    return { tableName };
  } finally {
    client.destroy();
  }
}
