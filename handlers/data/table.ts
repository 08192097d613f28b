// The application table as the stores use it: its name and one document
// client, made once per execution environment at cold start. Without a client
// given, the SDK's standard environment configures it (AWS_REGION,
// credentials, AWS_ENDPOINT_URL_DYNAMODB), on AWS and in the emulator alike.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Table {
  readonly name: string;
  readonly client: DynamoDBDocumentClient;
}

export function openTable(name: string, client: DynamoDBClient = new DynamoDBClient({})): Table {
  return { name, client: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }) };
}
