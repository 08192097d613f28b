// POST /disputes/{id}/mediate (requestMediation); the body is optional.
import { z } from 'zod';
import type { MatchesOperation } from './contract-drift.ts';
import { DisputePath, idempotencyKeyHeader, ifMatchHeader } from './parameters.ts';
import { defineRequest } from './request-definition.ts';

const RequestMediationBodySchema = z.strictObject({ note: z.string().max(2000).optional() });

export const requestMediationRequest = defineRequest({
  path: DisputePath,
  headers: z.object({ ...idempotencyKeyHeader, ...ifMatchHeader }),
  body: { required: false, json: RequestMediationBodySchema },
});

export const requestMediationRequestDrift: MatchesOperation<typeof requestMediationRequest, 'requestMediation'> = true;
