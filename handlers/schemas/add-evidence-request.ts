import { z } from 'zod';
import type { ContractSchemas, MatchesContract } from './contract-drift.ts';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export const AddEvidenceRequestSchema = z.strictObject({
  file_name: z.string().min(1).max(255),
  content_type: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf', 'video/mp4']),
  size: z.number().int().min(1).max(MAX_EVIDENCE_BYTES),
  description: z.string().max(1000).optional(),
});

export type AddEvidenceInput = z.output<typeof AddEvidenceRequestSchema>;

export const addEvidenceRequestDrift: MatchesContract<
  z.input<typeof AddEvidenceRequestSchema>,
  ContractSchemas['AddEvidenceRequest']
> = true;
