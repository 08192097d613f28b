// GET /disputes/{id}: one dispute with its evidence and the caller's allowed actions.
import { loadVisibleDispute } from './actions/dispute-access.ts';
import { withHttp } from './http/with-http.ts';
import { getDisputeRequest } from './requests/get-dispute-request.ts';
import { renderDispute } from './views/dispute-view.ts';

export const handler = withHttp(getDisputeRequest, async ({ request, caller }) => {
  const stored = await loadVisibleDispute(request.path.id, caller);
  return { status: 200, body: await renderDispute(stored, caller) };
});
