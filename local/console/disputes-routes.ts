// The disputes view's routes, under /_console/api/modules/<module>/: every
// dispute (newest first) and one dispute's whole partition with its evidence
// objects. Read with the functions' own stores, as staff's list reads them.
import type { FastifyPluginAsync } from 'fastify';
import type { Table } from '../../handlers/data/table.ts';
import type { ModuleResources } from '../../server/modules/module-plugin.ts';
import { readDisputeDetail } from './dispute-detail.ts';
import type { DisputeDetail, DisputeList } from './dispute-console-types.ts';
import { listDisputeRows } from './dispute-rows.ts';

/** Dispute ids are positive integers; 15 digits keep them exact as JavaScript numbers. */
const DISPUTE_ID = /^[1-9]\d{0,14}$/;

export const TABLE_FILE = 'infra/table.json';
export const BUCKET_FILE = 'infra/evidence-bucket.json';

export function disputesRoutes(resources: ModuleResources): FastifyPluginAsync {
  return async (app) => {
    const table: Table = { name: resources.tables[TABLE_FILE]!, client: resources.dynamodb };
    const bucket = { s3: resources.s3, name: resources.buckets[BUCKET_FILE]! };

    app.get('/disputes', async (): Promise<DisputeList> => ({ disputes: await listDisputeRows(table) }));

    app.get<{ Params: { id: string } }>('/disputes/:id', async (request, reply): Promise<DisputeDetail | undefined> => {
      const raw = request.params.id;
      if (!DISPUTE_ID.test(raw)) return reply.code(400).send({ message: 'the dispute id must be a positive integer' });
      const detail = await readDisputeDetail(table, bucket, Number(raw));
      return detail ?? reply.code(404).send({ message: `no dispute ${raw}` });
    });
  };
}
