// POST /disputes/{id}/accept: a party accepts the pending proposal; the
// dispute is resolved once both parties have. The route takes no body.
import { runTransition } from './actions/run-transition.ts';
import { withHttp } from './http/with-http.ts';
import { acceptResolutionRequest } from './requests/accept-resolution-request.ts';
import { renderDispute } from './views/dispute-view.ts';

export const handler = withHttp(acceptResolutionRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const ifMatch = request.headers['if-match'];
  const stored = await runTransition({ disputeId, caller, ifMatch, command: () => ({ kind: 'accept' }) });
  return { status: 200, body: await renderDispute(stored, caller) };
});
