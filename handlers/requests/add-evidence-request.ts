import { z } from 'zod';
import { EVIDENCE_CONTENT_TYPES } from '../domain/content-sniffing.ts';
import { MAX_EVIDENCE_BYTES } from '../domain/evidence-upload-rules.ts';
import type { ContractSchemas, MatchesContract } from './contract-drift.ts';

export const MAX_EVIDENCE_DESCRIPTION_LENGTH = 1000;

/** The JSON flow: metadata only; the file goes to S3 with a presigned POST. */
export const AddEvidenceRequestSchema = z.strictObject({
  file_name: z.string().min(1).max(255),
  content_type: z.enum(EVIDENCE_CONTENT_TYPES),
  size: z.number().int().min(1).max(MAX_EVIDENCE_BYTES),
  description: z.string().max(MAX_EVIDENCE_DESCRIPTION_LENGTH).optional(),
});

export type AddEvidenceInput = z.output<typeof AddEvidenceRequestSchema>;

export const addEvidenceRequestDrift: MatchesContract<
  z.input<typeof AddEvidenceRequestSchema>,
  ContractSchemas['AddEvidenceRequest']
> = true;
