// Bodies of the action routes: close, escalate, mediate.
import { z } from 'zod';
import type { ContractSchemas, MatchesContract } from './contract-drift.ts';

export const CloseRequestSchema = z.strictObject({ reason: z.string().max(2000).optional() });
export const EscalateRequestSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const MediateRequestSchema = z.strictObject({ note: z.string().max(2000).optional() });

export const closeRequestDrift: MatchesContract<z.input<typeof CloseRequestSchema>, ContractSchemas['CloseRequest']> = true;
export const escalateRequestDrift: MatchesContract<z.input<typeof EscalateRequestSchema>, ContractSchemas['EscalateRequest']> = true;
export const mediateRequestDrift: MatchesContract<z.input<typeof MediateRequestSchema>, ContractSchemas['MediateRequest']> = true;
