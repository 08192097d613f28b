// For tests: a CallOperation that goes through the emulator's front with the
// SDK (so dynalite answers, as it does for the emulator's own calls) and
// writes down the name of every operation it is asked for.
import { DeleteItemCommand, DescribeTableCommand, DynamoDBServiceException, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CallOperation } from '../dynalite-client.ts';

// The operations the expiry index and the sweeper call, as SDK commands.
const COMMANDS: Record<string, (client: DynamoDBClient, params: never) => Promise<object>> = {
  DeleteItem: (client, params) => client.send(new DeleteItemCommand(params)),
  DescribeTable: (client, params) => client.send(new DescribeTableCommand(params)),
  GetItem: (client, params) => client.send(new GetItemCommand(params)),
  Scan: (client, params) => client.send(new ScanCommand(params)),
};

export function countingCaller(client: DynamoDBClient, operations: string[]): CallOperation {
  return async (operation, params) => {
    operations.push(operation);
    const send = COMMANDS[operation];
    if (!send) throw new Error(`countingCaller has no command for ${operation}`);
    try {
      const { $metadata: _metadata, ...data } = (await send(client, params as never)) as Record<string, unknown>;
      return { ok: true, status: 200, data };
    } catch (error) {
      if (!(error instanceof DynamoDBServiceException)) throw error;
      return { ok: false, status: error.$metadata.httpStatusCode ?? 400, code: error.name, data: { message: error.message } };
    }
  };
}
