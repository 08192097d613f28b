// GET /disputes/{id} (getDispute).
import type { MatchesOperation } from './contract-drift.ts';
import { DisputePath } from './parameters.ts';
import { defineRequest } from './request-definition.ts';

export const getDisputeRequest = defineRequest({ path: DisputePath });

export const getDisputeRequestDrift: MatchesOperation<typeof getDisputeRequest, 'getDispute'> = true;
