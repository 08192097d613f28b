// The dev console's data routes (registered under /_console/api): the
// disputes, one dispute's whole partition, any partition of the table, the
// bucket's objects, and the reset to seed. Reads go to the emulators with the
// SDK, as the functions' own do; nothing here checks who asks (the caller
// registers it in a scope that admits this machine only).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { FastifyError, FastifyPluginAsync, FastifyReply } from 'fastify';
import { openBucket } from '../../handlers/data/bucket.ts';
import { openTable } from '../../handlers/data/table.ts';
import { localClientConfig } from '../local-aws.ts';
import { seedTable } from '../seed/seed-table.ts';
import { createBucketContents } from './bucket-contents.ts';
import type { BucketListing, ConsoleDataError, DisputeDetail, DisputeList, ResetResult, TableItems } from './console-data-types.ts';
import { disputeIdFrom, queryValue, requiredQueryValue, resetRequestFrom, type Checked } from './console-requests.ts';
import { readDisputeDetail } from './dispute-detail.ts';
import { listDisputeRows } from './dispute-rows.ts';
import { previewHeaders } from './object-preview.ts';
import { resetToSeed } from './reset-to-seed.ts';
import { readPartition } from './table-partition.ts';

export interface ConsoleDataOptions {
  /** The DynamoDB emulator, e.g. http://127.0.0.1:38909. */
  dynamodbEndpoint: string;
  tableName: string;
  /** The S3 emulator. */
  s3Endpoint: string;
  bucketName: string;
  /** The key the S3 emulator takes (s3/emulator-credentials.ts). */
  s3Credentials: { accessKeyId: string; secretAccessKey: string };
}

export function consoleDataRoutes(options: ConsoleDataOptions): FastifyPluginAsync {
  return async (app) => {
    const dynamodb = new DynamoDBClient(localClientConfig(options.dynamodbEndpoint));
    const s3 = new S3Client({ ...localClientConfig(options.s3Endpoint), credentials: { ...options.s3Credentials }, forcePathStyle: true });
    const table = openTable(options.tableName, dynamodb);
    const bucket = createBucketContents(openBucket(options.bucketName, s3));
    app.addHook('onClose', async () => {
      dynamodb.destroy();
      s3.destroy();
    });
    // One reset at a time: a second one waits, then empties what the first seeded.
    let lastReset: Promise<unknown> = Promise.resolve();

    // Bodies as bytes whatever the parent scope parses, so that this scope reads its one JSON body itself.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    app.setErrorHandler(async (error: FastifyError, _request, reply) => {
      const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      return reply.code(status).send({ message: error.message } satisfies ConsoleDataError);
    });

    app.get('/disputes', async (): Promise<DisputeList> => ({ disputes: await listDisputeRows(table) }));

    app.get<{ Params: { id: string } }>('/disputes/:id', async (request, reply): Promise<DisputeDetail | FastifyReply> => {
      const id = disputeIdFrom(request.params.id);
      if (!id.ok) return refuse(reply, id);
      const detail = await readDisputeDetail(table, bucket, id.value);
      return detail ?? reply.code(404).send({ message: `no dispute ${id.value}` } satisfies ConsoleDataError);
    });

    app.get('/table', async (request, reply): Promise<TableItems | FastifyReply> => {
      const pk = requiredQueryValue(request.query, 'pk');
      if (!pk.ok) return refuse(reply, pk);
      const sk = queryValue(request.query, 'sk');
      if (!sk.ok) return refuse(reply, sk);
      return { items: await readPartition(table, pk.value, sk.value) };
    });

    app.get('/bucket', async (request, reply): Promise<BucketListing | FastifyReply> => {
      const prefix = queryValue(request.query, 'prefix');
      if (!prefix.ok) return refuse(reply, prefix);
      return { bucket: bucket.name, objects: await bucket.list(prefix.value) };
    });

    app.get('/bucket/object', async (request, reply) => {
      const key = requiredQueryValue(request.query, 'key');
      if (!key.ok) return refuse(reply, key);
      const opened = await bucket.open(key.value);
      if (!opened) return reply.code(404).send({ message: `no object at ${key.value}` } satisfies ConsoleDataError);
      return reply.headers(previewHeaders(opened.contentType, opened.size)).send(opened.body);
    });

    app.post('/reset', async (request, reply): Promise<ResetResult | FastifyReply> => {
      const confirmed = resetRequestFrom(request.body);
      if (!confirmed.ok) return refuse(reply, confirmed);
      const seed = () => seedTable({ endpoint: options.dynamodbEndpoint, tableName: options.tableName });
      const reset = lastReset.then(() => resetToSeed({ table, bucket, seed }));
      lastReset = reset.catch(() => undefined);
      return reset;
    });
  };
}

function refuse(reply: FastifyReply, refused: Extract<Checked<unknown>, { ok: false }>): FastifyReply {
  return reply.code(400).send({ message: refused.message } satisfies ConsoleDataError);
}
