// POST /disputes/{id}/close: withdraw (initiator, open), close a resolved
// dispute (either party or staff), or close any active one (admin).
import { runTransition } from './actions/run-transition.ts';
import { withHttp } from './http/with-http.ts';
import { closeDisputeRequest } from './requests/close-dispute-request.ts';
import { renderDispute } from './views/dispute-view.ts';

export const handler = withHttp(closeDisputeRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const ifMatch = request.headers['if-match'];
  const body = request.body;
  const stored = await runTransition({ disputeId, caller, ifMatch, command: () => ({ kind: 'close', ...body }) });
  return { status: 200, body: await renderDispute(stored, caller) };
});
