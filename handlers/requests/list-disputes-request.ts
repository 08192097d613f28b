// GET /disputes (listDisputes).
import { z } from 'zod';
import type { MatchesOperation } from './contract-drift.ts';
import { pageQuery, statusFilterQuery } from './parameters.ts';
import { defineRequest } from './parse-request.ts';

export const listDisputesRequest = defineRequest({
  query: z.object({ ...statusFilterQuery, ...pageQuery }),
});

export const listDisputesRequestDrift: MatchesOperation<typeof listDisputesRequest, 'listDisputes'> = true;
