import { z } from 'zod';
import { MoneySchema } from './money-schema.ts';
import type { ContractSchemas, MatchesContract } from './contract-drift.ts';

export const UpdateStatusRequestSchema = z
  .strictObject({
    status: z.enum(['open', 'in_mediation', 'escalated', 'resolved', 'closed']).optional(),
    resolution: z.string().min(1).max(5000).optional(),
    resolution_type: z.enum(['refund', 'partial_refund', 'redo_work', 'compensation', 'no_action']).optional(),
    amount_resolved: MoneySchema.optional(),
    note: z.string().max(2000).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send a status or resolution fields' });

export type UpdateStatusInput = z.output<typeof UpdateStatusRequestSchema>;

export const updateStatusRequestDrift: MatchesContract<
  z.input<typeof UpdateStatusRequestSchema>,
  ContractSchemas['UpdateStatusRequest']
> = true;
