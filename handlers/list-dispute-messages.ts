// GET /disputes/{id}/messages: oldest first; parties never see staff-only messages.
import { createMessageReads } from './data/message-reads.ts';
import { isStaff } from './domain/dispute.ts';
import { cursorFor, startKeyFrom } from './http/page-cursor-param.ts';
import { withHttp } from './http/with-http.ts';
import { baseDependencies } from './base-dependencies.ts';
import { listDisputeMessagesRequest } from './requests/list-dispute-messages-request.ts';
import { loadVisibleDispute } from './use-cases/dispute-access.ts';
import { messageView } from './views/message-view.ts';

const deps = baseDependencies();
const messages = createMessageReads(deps.table);

export const handler = withHttp(deps, listDisputeMessagesRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const query = request.query;
  const audience = isStaff(caller.role) ? 'staff' : 'party';
  const binding = { sub: caller.id, scope: `messages:${disputeId}:${audience}` };
  const startKey = startKeyFrom(query.cursor, binding, deps.env.CURSOR_SECRET);

  const { counters } = await loadVisibleDispute(deps.disputes, disputeId, caller);
  const page = await messages.list(disputeId, audience, { limit: query.limit, startKey });
  return {
    status: 200,
    body: {
      results: page.items.map((message) => messageView(disputeId, message)),
      count: audience === 'staff' ? counters.all_messages : counters.public_messages,
      next_cursor: cursorFor(page.nextKey, binding, deps.env.CURSOR_SECRET),
    },
  };
});
