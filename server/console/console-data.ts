// The dev console's data routes (registered under /_console/api): what tables,
// buckets and module views there are, any partition of a table, a bucket's
// objects, and the reset to seed. Reads go to the emulators with the SDK, as
// the functions' own do; nothing here checks who asks (the caller registers
// it in a scope that admits this machine only). A module's own views of its
// data are mounted beside these by console-routes.ts.
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createBucketContents } from './bucket-contents.ts';
import type { BucketListing, ConsoleDataError, DataSources, ResetResult, TableItems } from './console-data-types.ts';
import { queryValue, requiredQueryValue, resetRequestFrom, type Checked } from './console-requests.ts';
import { type ConsoleBucket, type ConsoleTable, chosen } from './console-resources.ts';
import { previewHeaders } from './object-preview.ts';
import { resetToSeed } from './reset-to-seed.ts';
import { readPartition } from './table-partition.ts';
import type { WriteConflicts } from '../dynamodb/write-conflicts.ts';

export interface ConsoleDataOptions {
  dynamodb: DynamoDBDocumentClient;
  s3: S3Client;
  /** Writes DynamoDB refused for a condition since start: whether concurrent requests really met. */
  writeConflicts: () => WriteConflicts;
  tables: readonly ConsoleTable[];
  buckets: readonly ConsoleBucket[];
  /** The modules' own views (their tabs), for the page to show. */
  views: DataSources['views'];
  /** Writes every module's seed again (after a reset). */
  seed(): Promise<void>;
}

export function consoleDataRoutes(options: ConsoleDataOptions): FastifyPluginAsync {
  return async (app) => {
    const buckets = options.buckets.map((bucket) => ({ ...bucket, contents: createBucketContents(options.s3, bucket.name) }));
    // One reset at a time: a second one waits, then empties what the first seeded.
    let lastReset: Promise<unknown> = Promise.resolve();

    // Bodies as bytes whatever the parent scope parses, so that this scope reads its one JSON body itself.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    app.setErrorHandler(consoleErrorHandler);

    app.get(
      '/data',
      async (): Promise<DataSources> => ({
        tables: options.tables.map(({ module, name }) => ({ module, name })),
        buckets: options.buckets.map(({ module, name }) => ({ module, name })),
        views: options.views,
      }),
    );

    app.get('/dynamodb/write-conflicts', async (): Promise<WriteConflicts> => options.writeConflicts());
    app.get('/table', async (request, reply): Promise<TableItems | FastifyReply> => {
      const table = pick(reply, options.tables, queryValue(request.query, 'table'), 'table');
      if (!table) return reply;
      const pk = requiredQueryValue(request.query, 'pk');
      if (!pk.ok) return refuse(reply, pk);
      const sk = queryValue(request.query, 'sk');
      if (!sk.ok) return refuse(reply, sk);
      return { items: await readPartition(options.dynamodb, table, pk.value, sk.value) };
    });

    app.get('/bucket', async (request, reply): Promise<BucketListing | FastifyReply> => {
      const bucket = pick(reply, buckets, queryValue(request.query, 'bucket'), 'bucket');
      if (!bucket) return reply;
      const prefix = queryValue(request.query, 'prefix');
      if (!prefix.ok) return refuse(reply, prefix);
      return { bucket: bucket.name, objects: await bucket.contents.list(prefix.value) };
    });

    app.get('/bucket/object', async (request, reply) => {
      const bucket = pick(reply, buckets, queryValue(request.query, 'bucket'), 'bucket');
      if (!bucket) return reply;
      const key = requiredQueryValue(request.query, 'key');
      if (!key.ok) return refuse(reply, key);
      const opened = await bucket.contents.open(key.value);
      if (!opened) return reply.code(404).send({ message: `no object at ${key.value}` } satisfies ConsoleDataError);
      return reply.headers(previewHeaders(opened.contentType, opened.size)).send(opened.body);
    });

    app.post('/reset', async (request, reply): Promise<ResetResult | FastifyReply> => {
      const confirmed = resetRequestFrom(request.body);
      if (!confirmed.ok) return refuse(reply, confirmed);
      const reset = lastReset.then(() =>
        resetToSeed({
          client: options.dynamodb,
          tables: options.tables,
          buckets: buckets.map((bucket) => bucket.contents),
          seed: options.seed,
        }),
      );
      lastReset = reset.catch(() => undefined);
      return reset;
    });
  };
}

/** A failure of the console's data routes (a module's view's too), as `{message}`: the page shows why. */
export async function consoleErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  return reply.code(status).send({ message: error.message } satisfies ConsoleDataError);
}

/** The table or bucket asked for (the first without a name); a 404 answered for a name there is none of. */
function pick<T extends { name: string }>(
  reply: FastifyReply,
  all: readonly T[],
  name: Checked<string | undefined>,
  what: string,
): T | undefined {
  if (!name.ok) {
    refuse(reply, name);
    return undefined;
  }
  const found = chosen(all, name.value);
  if (!found)
    reply.code(404).send({ message: name.value ? `no ${what} ${name.value}` : `no ${what} in any module` } satisfies ConsoleDataError);
  return found;
}

function refuse(reply: FastifyReply, refused: Extract<Checked<unknown>, { ok: false }>): FastifyReply {
  return reply.code(400).send({ message: refused.message } satisfies ConsoleDataError);
}
