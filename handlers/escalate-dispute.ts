// POST /disputes/{id}/escalate: open or in_mediation → escalated; also how a
// party rejects a pending proposal.
import { runTransition } from './actions/run-transition.ts';
import { withHttp } from './http/with-http.ts';
import { escalateDisputeRequest } from './requests/escalate-dispute-request.ts';
import { renderDispute } from './views/dispute-view.ts';

export const handler = withHttp(escalateDisputeRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const ifMatch = request.headers['if-match'];
  const { reason } = request.body;
  const stored = await runTransition({ disputeId, caller, ifMatch, command: () => ({ kind: 'escalate', reason }) });
  return { status: 200, body: await renderDispute(stored, caller) };
});
