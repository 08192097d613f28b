// POST /disputes/{id}/messages (sendDisputeMessage).
import { z } from 'zod';
import type { MatchesOperation } from './contract-drift.ts';
import { DisputePath, idempotencyKeyHeader } from './parameters.ts';
import { defineRequest } from './request-definition.ts';

const SendDisputeMessageBodySchema = z.strictObject({
  message: z.string().trim().min(1).max(5000),
  is_internal: z.boolean().optional(),
});

export const sendDisputeMessageRequest = defineRequest({
  path: DisputePath,
  headers: z.object(idempotencyKeyHeader),
  body: { required: true, json: SendDisputeMessageBodySchema },
});

export const sendDisputeMessageRequestDrift: MatchesOperation<typeof sendDisputeMessageRequest, 'sendDisputeMessage'> = true;
