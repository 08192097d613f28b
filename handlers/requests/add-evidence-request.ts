// POST /disputes/{id}/evidence (addEvidence), two ways in: JSON metadata for
// the presigned flow (the file goes to S3 directly), or a small file as
// multipart/form-data (add-evidence-upload.ts). The parsed body is one or the
// other: only the multipart one carries `bytes`.
import { z } from 'zod';
import { EVIDENCE_CONTENT_TYPES } from '../domain/content-sniffing.ts';
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_DESCRIPTION_LENGTH } from '../domain/evidence-upload-rules.ts';
import { ADD_EVIDENCE_UPLOAD_LIMITS, readAddEvidenceUpload } from './add-evidence-upload.ts';
import type { MatchesOperation } from './contract-drift.ts';
import { DisputePath, idempotencyKeyHeader } from './parameters.ts';
import { APP_FIELD_HINTS } from './app-field-hints.ts';
import { defineRequest } from './request-definition.ts';

/** The JSON flow: metadata only. */
const AddEvidenceBodySchema = z.strictObject({
  file_name: z.string().min(1).max(255),
  content_type: z.enum(EVIDENCE_CONTENT_TYPES),
  size: z.number().int().min(1).max(MAX_EVIDENCE_BYTES),
  description: z.string().max(MAX_EVIDENCE_DESCRIPTION_LENGTH).optional(),
});

export type AddEvidenceMetadata = z.output<typeof AddEvidenceBodySchema>;

export const addEvidenceRequest = defineRequest({
  hints: APP_FIELD_HINTS.addEvidence,
  path: DisputePath,
  headers: z.object(idempotencyKeyHeader),
  body: {
    required: true,
    json: AddEvidenceBodySchema,
    multipart: { limits: ADD_EVIDENCE_UPLOAD_LIMITS, read: readAddEvidenceUpload },
  },
});

export const addEvidenceRequestDrift: MatchesOperation<typeof addEvidenceRequest, 'addEvidence'> = true;
