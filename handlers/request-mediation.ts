// POST /disputes/{id}/mediate: open → in_mediation.
import { runTransition } from './actions/run-transition.ts';
import { withHttp } from './http/with-http.ts';
import { requestMediationRequest } from './requests/request-mediation-request.ts';
import { renderDispute } from './views/dispute-view.ts';

export const handler = withHttp(requestMediationRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const ifMatch = request.headers['if-match'];
  const body = request.body;
  const stored = await runTransition({ disputeId, caller, ifMatch, command: () => ({ kind: 'mediate', ...body }) });
  return { status: 200, body: await renderDispute(stored, caller) };
});
