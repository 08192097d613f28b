// POST /disputes/{id}/escalate (escalateDispute); a reason is required.
import { z } from 'zod';
import type { MatchesOperation } from './contract-drift.ts';
import { DisputePath, idempotencyKeyHeader, ifMatchHeader } from './parameters.ts';
import { defineRequest } from './request-definition.ts';

const EscalateDisputeBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

export const escalateDisputeRequest = defineRequest({
  path: DisputePath,
  headers: z.object({ ...idempotencyKeyHeader, ...ifMatchHeader }),
  body: { required: true, json: EscalateDisputeBodySchema },
});

export const escalateDisputeRequestDrift: MatchesOperation<typeof escalateDisputeRequest, 'escalateDispute'> = true;
