// POST /disputes (createDispute).
import { z } from 'zod';
import { DISPUTE_PRIORITIES, DISPUTE_REASONS } from '../domain/dispute.ts';
import type { MatchesOperation } from './contract-drift.ts';
import { MoneySchema } from './money-schema.ts';
import { idempotencyKeyHeader } from './parameters.ts';
import { APP_FIELD_HINTS } from './app-field-hints.ts';
import { defineRequest } from './request-definition.ts';

const ProjectIdSchema = z
  .union([z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[1-9]\d{0,15}$/, 'Must be a project id')])
  .transform((value, context) => {
    const id = Number(value);
    if (!Number.isSafeInteger(id)) {
      context.addIssue({ code: 'custom', message: 'Must be a project id' });
      return z.NEVER;
    }
    return id;
  });

const CreateDisputeBodySchema = z.strictObject({
  project: ProjectIdSchema,
  reason: z.enum(DISPUTE_REASONS),
  description: z.string().min(1).max(5000),
  amount_disputed: MoneySchema.optional(),
  priority: z.enum(DISPUTE_PRIORITIES).optional(),
});

export const createDisputeRequest = defineRequest({
  hints: APP_FIELD_HINTS.createDispute,
  headers: z.object(idempotencyKeyHeader),
  body: { required: true, json: CreateDisputeBodySchema },
});

export const createDisputeRequestDrift: MatchesOperation<typeof createDisputeRequest, 'createDispute'> = true;
