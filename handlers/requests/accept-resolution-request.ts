// POST /disputes/{id}/accept (acceptResolution); the operation takes no body,
// and one that is sent anyway is not read.
import { z } from 'zod';
import type { MatchesOperation } from './contract-drift.ts';
import { DisputePath, idempotencyKeyHeader, ifMatchHeader } from './parameters.ts';
import { defineRequest } from './request-definition.ts';

export const acceptResolutionRequest = defineRequest({
  path: DisputePath,
  headers: z.object({ ...idempotencyKeyHeader, ...ifMatchHeader }),
});

export const acceptResolutionRequestDrift: MatchesOperation<typeof acceptResolutionRequest, 'acceptResolution'> = true;
