// Runs the emulator on a data dir in a process of its own, so that a test can
// SIGKILL it. Usage: node --import tsx dynamodb-child.ts <dataDir> [port]
// Prints one JSON line, {"endpoint": ..., "tableName": ...}, once it serves.
import { createTable } from '../create-table.ts';
import { startDynamoDb } from '../start-dynamodb.ts';
import { SAMPLE_TABLE_FILE } from '../../test-fixtures/sample-definitions.ts';

const [dataDir, port] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: dynamodb-child.ts <dataDir> [port]');
const dynamo = await startDynamoDb({ dataDir, port: Number(port ?? 0) });
const { tableName } = await createTable({ endpoint: dynamo.endpoint, stage: 'durability', file: SAMPLE_TABLE_FILE });
process.stdout.write(`${JSON.stringify({ endpoint: dynamo.endpoint, tableName })}\n`);
process.on('SIGTERM', () => {
  void dynamo.stop().then(() => process.exit(0));
});
