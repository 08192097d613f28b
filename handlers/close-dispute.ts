// POST /disputes/{id}/close: withdraw (initiator, open), close a resolved
// dispute (either party or staff), or close any active one (admin).
import { runTransition } from './actions/run-transition.ts';
import { parseJsonBody } from './http/request-body.ts';
import { disputeIdFrom, ifMatchVersionFrom } from './http/request-params.ts';
import { withHttp } from './http/with-http.ts';
import { CloseRequestSchema } from './schemas/dispute-action-requests.ts';
import { renderDispute } from './views/dispute-view.ts';

export const handler = withHttp(async ({ event, caller }) => {
  const disputeId = disputeIdFrom(event);
  const ifMatch = ifMatchVersionFrom(event);
  const body = parseJsonBody(event, CloseRequestSchema, { required: false });
  const stored = await runTransition({ disputeId, caller, ifMatch, command: () => ({ kind: 'close', ...body }) });
  return { status: 200, body: await renderDispute(stored, caller) };
});
