// GET /disputes/{id}: one dispute with its evidence and the caller's allowed actions.
import { disputeIdFrom } from './http/request-params.ts';
import { withHttp } from './http/with-http.ts';
import { readDependencies } from './read-dependencies.ts';
import { withEvidence } from './with-evidence.ts';
import { disputeDetails } from './use-cases/dispute-details.ts';
import { loadVisibleDispute } from './use-cases/dispute-access.ts';

const deps = withEvidence(readDependencies());

export const handler = withHttp(deps, async ({ event, caller }) => {
  const stored = await loadVisibleDispute(deps.disputes, disputeIdFrom(event), caller);
  return { status: 200, body: await disputeDetails(deps, stored, caller) };
});
