// POST /disputes/{id}/mediate: open → in_mediation.
import { withHttp } from './http/with-http.ts';
import { baseDependencies } from './base-dependencies.ts';
import { requestMediationRequest } from './requests/request-mediation-request.ts';
import { disputeDetails } from './use-cases/dispute-details.ts';
import { runTransition } from './use-cases/run-transition.ts';
import { withEvidence } from './with-evidence.ts';
import { withWrites } from './with-writes.ts';

const deps = withEvidence(withWrites(baseDependencies()));

export const handler = withHttp(deps, requestMediationRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const ifMatch = request.headers['if-match'];
  const body = request.body;
  const stored = await runTransition(deps, { disputeId, caller, ifMatch, command: () => ({ kind: 'mediate', ...body }) });
  return { status: 200, body: await disputeDetails(deps, stored, caller) };
});
