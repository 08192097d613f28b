// One DynamoDB document client per execution environment, configured only by
// the SDK's standard environment (AWS_REGION, credentials, AWS_ENDPOINT_URL_DYNAMODB).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFunctionEnvironment } from '../function-environment.ts';

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

export const tableName = (): string => readFunctionEnvironment().TABLE_NAME;
