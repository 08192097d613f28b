// GET /disputes/{id}/messages (listDisputeMessages).
import { z } from 'zod';
import type { MatchesOperation } from './contract-drift.ts';
import { DisputePath, pageQuery } from './parameters.ts';
import { defineRequest } from './parse-request.ts';

export const listDisputeMessagesRequest = defineRequest({
  path: DisputePath,
  query: z.object(pageQuery),
});

export const listDisputeMessagesRequestDrift: MatchesOperation<typeof listDisputeMessagesRequest, 'listDisputeMessages'> = true;
