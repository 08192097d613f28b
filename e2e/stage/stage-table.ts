// The table a run writes its projects into: a stage's, with the caller's own
// AWS credentials and region (the SDK's usual chain; AWS_ENDPOINT_URL_DYNAMODB
// points it elsewhere), or the emulator's, at the endpoint the suite started
// it with.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '../../server/local-aws.ts';

export interface StageTable {
  name: string;
  db: DynamoDBDocumentClient;
}

export function stageTable(name: string, options: { region?: string; localEndpoint?: string } = {}): StageTable {
  const client = options.localEndpoint
    ? new DynamoDBClient(localClientConfig(options.localEndpoint))
    : new DynamoDBClient(options.region ? { region: options.region } : {});
  return { name, db: DynamoDBDocumentClient.from(client) };
}
