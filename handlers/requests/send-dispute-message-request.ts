import { z } from 'zod';
import type { ContractSchemas, MatchesContract } from './contract-drift.ts';

export const SendMessageRequestSchema = z.strictObject({
  message: z.string().trim().min(1).max(5000),
  is_internal: z.boolean().optional(),
});

export const sendMessageRequestDrift: MatchesContract<
  z.input<typeof SendMessageRequestSchema>,
  ContractSchemas['SendMessageRequest']
> = true;
