// POST /disputes/{id}/accept: a party accepts the pending proposal; the
// dispute is resolved once both parties have. The route takes no body.
import { runTransition } from './actions/run-transition.ts';
import { disputeIdFrom, ifMatchVersionFrom } from './http/request-params.ts';
import { withHttp } from './http/with-http.ts';
import { renderDispute } from './views/dispute-view.ts';

export const handler = withHttp(async ({ event, caller }) => {
  const disputeId = disputeIdFrom(event);
  const ifMatch = ifMatchVersionFrom(event);
  const stored = await runTransition({ disputeId, caller, ifMatch, command: () => ({ kind: 'accept' }) });
  return { status: 200, body: await renderDispute(stored, caller) };
});
