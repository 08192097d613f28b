// GET /disputes (listDisputes).
import { z } from 'zod';
import type { MatchesOperation } from './contract-drift.ts';
import { pageQuery, statusFilterQuery } from './parameters.ts';
import { APP_FIELD_HINTS } from './app-field-hints.ts';
import { defineRequest } from './request-definition.ts';

export const listDisputesRequest = defineRequest({
  hints: APP_FIELD_HINTS.listDisputes,
  // Strict: a parameter the list does not take is a 400 naming the ones it does, never silently ignored.
  query: z.strictObject({ ...statusFilterQuery, ...pageQuery }),
});

export const listDisputesRequestDrift: MatchesOperation<typeof listDisputesRequest, 'listDisputes'> = true;
