// POST /disputes/{id}/escalate: open or in_mediation → escalated; also how a
// party rejects a pending proposal.
import { withHttp } from './http/with-http.ts';
import { baseDependencies } from './base-dependencies.ts';
import { escalateDisputeRequest } from './requests/escalate-dispute-request.ts';
import { disputeDetails } from './use-cases/dispute-details.ts';
import { runTransition } from './use-cases/run-transition.ts';
import { withEvidence } from './with-evidence.ts';
import { withWrites } from './with-writes.ts';

const deps = withEvidence(withWrites(baseDependencies()));

export const handler = withHttp(deps, escalateDisputeRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const ifMatch = request.headers['if-match'];
  const { reason } = request.body;
  const stored = await runTransition(deps, { disputeId, caller, ifMatch, command: () => ({ kind: 'escalate', reason }) });
  return { status: 200, body: await disputeDetails(deps, stored, caller) };
});
