// GET /disputes/{id}/messages: oldest first; parties never see staff-only messages.
import { loadVisibleDispute } from './actions/dispute-access.ts';
import { listMessages } from './data/message-repository.ts';
import { isStaff } from './domain/dispute.ts';
import { cursorFor, startKeyFrom } from './http/page-cursor-param.ts';
import { withHttp } from './http/with-http.ts';
import { listDisputeMessagesRequest } from './requests/list-dispute-messages-request.ts';
import { messageView } from './views/message-view.ts';

export const handler = withHttp(listDisputeMessagesRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const query = request.query;
  const audience = isStaff(caller.role) ? 'staff' : 'party';
  const binding = { sub: caller.id, scope: `messages:${disputeId}:${audience}` };
  const startKey = startKeyFrom(query.cursor, binding);

  const { counters } = await loadVisibleDispute(disputeId, caller);
  const page = await listMessages(disputeId, audience, { limit: query.limit, startKey });
  return {
    status: 200,
    body: {
      results: page.items.map((message) => messageView(disputeId, message)),
      count: audience === 'staff' ? counters.all_messages : counters.public_messages,
      next_cursor: cursorFor(page.nextKey, binding),
    },
  };
});
