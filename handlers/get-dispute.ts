// GET /disputes/{id}: one dispute with its evidence and the caller's allowed actions.
import { loadVisibleDispute } from './actions/dispute-access.ts';
import { disputeIdFrom } from './http/request-params.ts';
import { withHttp } from './http/with-http.ts';
import { renderDispute } from './views/dispute-view.ts';

export const handler = withHttp(async ({ event, caller }) => {
  const stored = await loadVisibleDispute(disputeIdFrom(event), caller);
  return { status: 200, body: await renderDispute(stored, caller) };
});
