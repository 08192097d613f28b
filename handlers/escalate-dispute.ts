// POST /disputes/{id}/escalate: open or in_mediation → escalated; also how a
// party rejects a pending proposal.
import { runTransition } from './actions/run-transition.ts';
import { parseJsonBody } from './http/request-body.ts';
import { disputeIdFrom, ifMatchVersionFrom } from './http/request-params.ts';
import { withHttp } from './http/with-http.ts';
import { EscalateRequestSchema } from './schemas/dispute-action-requests.ts';
import { renderDispute } from './views/dispute-view.ts';

export const handler = withHttp(async ({ event, caller }) => {
  const disputeId = disputeIdFrom(event);
  const ifMatch = ifMatchVersionFrom(event);
  const { reason } = parseJsonBody(event, EscalateRequestSchema, { required: true });
  const stored = await runTransition({ disputeId, caller, ifMatch, command: () => ({ kind: 'escalate', reason }) });
  return { status: 200, body: await renderDispute(stored, caller) };
});
