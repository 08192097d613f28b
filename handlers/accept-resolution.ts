// POST /disputes/{id}/accept: a party accepts the pending proposal; the
// dispute is resolved once both parties have. The route takes no body.
import { withHttp } from './http/with-http.ts';
import { baseDependencies } from './base-dependencies.ts';
import { acceptResolutionRequest } from './requests/accept-resolution-request.ts';
import { disputeDetails } from './use-cases/dispute-details.ts';
import { runTransition } from './use-cases/run-transition.ts';
import { withEvidence } from './with-evidence.ts';
import { withWrites } from './with-writes.ts';

const deps = withEvidence(withWrites(baseDependencies()));

export const handler = withHttp(deps, acceptResolutionRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const ifMatch = request.headers['if-match'];
  const stored = await runTransition(deps, { disputeId, caller, ifMatch, command: () => ({ kind: 'accept' }) });
  return { status: 200, body: await disputeDetails(deps, stored, caller) };
});
