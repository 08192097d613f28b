// PATCH /disputes/{id}/status (updateDisputeStatus), the staff tool.
import { z } from 'zod';
import { DISPUTE_STATUSES, RESOLUTION_TYPES } from '../domain/dispute.ts';
import type { MatchesOperation } from './contract-drift.ts';
import { MoneySchema } from './money-schema.ts';
import { DisputePath, ifMatchHeader } from './parameters.ts';
import { defineRequest } from './request-definition.ts';

const UpdateDisputeStatusBodySchema = z
  .strictObject({
    status: z.enum(DISPUTE_STATUSES).optional(),
    resolution: z.string().min(1).max(5000).optional(),
    resolution_type: z.enum(RESOLUTION_TYPES).optional(),
    amount_resolved: MoneySchema.optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send a status or resolution fields' });

export const updateDisputeStatusRequest = defineRequest({
  path: DisputePath,
  headers: z.object(ifMatchHeader),
  body: { required: true, json: UpdateDisputeStatusBodySchema },
});

export const updateDisputeStatusRequestDrift: MatchesOperation<typeof updateDisputeStatusRequest, 'updateDisputeStatus'> = true;
