// GET /disputes/{id}: one dispute with its evidence and the caller's allowed actions.
import { withHttp } from './http/with-http.ts';
import { baseDependencies } from './base-dependencies.ts';
import { getDisputeRequest } from './requests/get-dispute-request.ts';
import { loadVisibleDispute } from './use-cases/dispute-access.ts';
import { disputeDetails } from './use-cases/dispute-details.ts';
import { withEvidence } from './with-evidence.ts';

const deps = withEvidence(baseDependencies());

export const handler = withHttp(deps, getDisputeRequest, async ({ request, caller }) => {
  const stored = await loadVisibleDispute(deps.disputes, request.path.id, caller);
  return { status: 200, body: await disputeDetails(deps, stored, caller) };
});
