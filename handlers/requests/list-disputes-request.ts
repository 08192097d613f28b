// GET /disputes (listDisputes).
import { z } from 'zod';
import type { MatchesOperation } from './contract-drift.ts';
import { pageQuery, statusFilterQuery } from './parameters.ts';
import { APP_FIELD_HINTS } from './app-field-hints.ts';
import { appPagingQuery, checkAppPaging, withPageSize } from './app-paging.ts';
import { defineRequest } from './request-definition.ts';

export const listDisputesRequest = defineRequest({
  hints: APP_FIELD_HINTS.listDisputes,
  // Strict: a parameter the list does not take is a 400 naming the ones it does, never silently ignored.
  // The app's page numbers are read as the first page and its page size as limit (app-paging.ts).
  query: z
    .strictObject({ ...statusFilterQuery, ...pageQuery, ...appPagingQuery })
    .superRefine(checkAppPaging)
    .transform(withPageSize),
});

export const listDisputesRequestDrift: MatchesOperation<typeof listDisputesRequest, 'listDisputes'> = true;
