import { z } from 'zod';
import { MoneySchema } from './money-schema.ts';
import type { ContractSchemas, MatchesContract } from './contract-drift.ts';

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

export const CreateDisputeRequestSchema = z.strictObject({
  project: ProjectIdSchema,
  reason: z.enum(['quality', 'payment', 'deadline', 'communication', 'scope', 'other']),
  description: z.string().min(1).max(5000),
  amount_disputed: MoneySchema.optional(),
  priority: z.enum(['low', 'medium', 'high', 'urgent']).optional(),
});

export type CreateDisputeInput = z.output<typeof CreateDisputeRequestSchema>;

export const createDisputeRequestDrift: MatchesContract<
  z.input<typeof CreateDisputeRequestSchema>,
  ContractSchemas['CreateDisputeRequest']
> = true;
