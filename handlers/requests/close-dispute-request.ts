// POST /disputes/{id}/close (closeDispute); the body is optional.
import { z } from 'zod';
import type { MatchesOperation } from './contract-drift.ts';
import { DisputePath, idempotencyKeyHeader, ifMatchHeader } from './parameters.ts';
import { APP_FIELD_HINTS } from './app-field-hints.ts';
import { defineRequest } from './request-definition.ts';

const CloseDisputeBodySchema = z.strictObject({ reason: z.string().max(2000).optional() });

export const closeDisputeRequest = defineRequest({
  hints: APP_FIELD_HINTS.closeDispute,
  path: DisputePath,
  headers: z.object({ ...idempotencyKeyHeader, ...ifMatchHeader }),
  body: { required: false, json: CloseDisputeBodySchema },
});

export const closeDisputeRequestDrift: MatchesOperation<typeof closeDisputeRequest, 'closeDispute'> = true;
