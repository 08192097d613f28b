// Where a function's time goes, one layer down: the CPU one DynamoDB GetItem
// costs through the document client the handlers use, through the plain
// client, and as a bare HTTP request of the same bytes, all against the
// emulator's DynamoDB in this process (so each figure includes the emulator's
// side too; the differences are the SDK's). `npm run bench:dynamodb`.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTable } from '../server/dynamodb/create-table.ts';
import { startDynamoDb } from '../server/dynamodb/start-dynamodb.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localClientConfig } from '../server/local-aws.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
// V8 optimises the hot paths over the first thousands of calls; those are not measured.
const WARMUP_CALLS = Number(process.env.BENCH_WARMUP_CALLS ?? 3000);

const dynamo = await startDynamoDb({});
const { tableName } = await createTable({
  endpoint: dynamo.endpoint,
  stage: 'bench',
  file: fileURLToPath(new URL('../infra/table.json', import.meta.url)),
});
const plain = new DynamoDBClient(localClientConfig(dynamo.endpoint));
const documents = DynamoDBDocumentClient.from(plain);
const key = { PK: 'DISPUTE#1', SK: 'DISPUTE' };
await documents.send(new PutCommand({ TableName: tableName, Item: { ...key, description: 'x'.repeat(500), version: 1 } }));

const endpoint = new URL(dynamo.endpoint);
const agent = new http.Agent({ keepAlive: true });
const body = JSON.stringify({ TableName: tableName, Key: { PK: { S: key.PK }, SK: { S: key.SK } }, ConsistentRead: true });
const headers = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'DynamoDB_20120810.GetItem',
  // The emulator checks that a signature is there, not what it says.
  authorization: `AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/20200101/${LOCAL_REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
  'x-amz-date': '20200101T000000Z',
};
const bareRequest = () =>
  new Promise<void>((resolve, reject) => {
    const request = http.request(
      { agent, host: endpoint.hostname, port: endpoint.port, method: 'POST', path: '/', headers },
      (response) => {
        response.resume();
        response.on('end', resolve);
      },
    );
    request.on('error', reject);
    request.end(body);
  });

async function cpuPerCall(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP_CALLS; i += 1) await call();
  const before = process.cpuUsage();
  for (let i = 0; i < CALLS; i += 1) await call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / CALLS;
}

try {
  const figures = {
    'document client (GetCommand), as the handlers call it': await cpuPerCall(() =>
      documents.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true })),
    ),
    'plain client (GetItemCommand)': await cpuPerCall(() =>
      plain.send(new GetItemCommand({ TableName: tableName, Key: { PK: { S: key.PK }, SK: { S: key.SK } }, ConsistentRead: true })),
    ),
    'bare HTTP request of the same bytes (no SDK)': await cpuPerCall(bareRequest),
  };
  console.log(`CPU per GetItem, client and emulator together, after ${WARMUP_CALLS} calls of warm-up (${CALLS} calls each):`);
  for (const [name, ms] of Object.entries(figures)) console.log(`  ${ms.toFixed(3)} ms  ${name}`);
} finally {
  plain.destroy();
  agent.destroy();
  await dynamo.stop();
}
