// GET /disputes: the caller's disputes (every dispute for staff), newest first.
import { countDisputes, listDisputes, type ListAudience } from './data/dispute-list-repository.ts';
import { isStaff } from './domain/dispute.ts';
import { cursorFor, startKeyFrom } from './http/page-cursor-param.ts';
import { withHttp } from './http/with-http.ts';
import { listDisputesRequest } from './requests/list-disputes-request.ts';
import { renderDispute } from './views/dispute-view.ts';

export const handler = withHttp(listDisputesRequest, async ({ request, caller }) => {
  const query = request.query;
  const audience: ListAudience = isStaff(caller.role) ? { kind: 'staff' } : { kind: 'party', userId: caller.id };
  const binding = { sub: caller.id, scope: `disputes:${audience.kind}:${query.status ?? '*'}` };
  const startKey = startKeyFrom(query.cursor, binding);

  const [page, count] = await Promise.all([
    listDisputes(audience, query.status, { limit: query.limit, startKey }),
    countDisputes(audience, query.status),
  ]);
  const results = await Promise.all(page.items.map((stored) => renderDispute(stored, caller)));
  return { status: 200, body: { results, count, next_cursor: cursorFor(page.nextKey, binding) } };
});
