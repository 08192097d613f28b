// GET /disputes: the caller's disputes (every dispute for staff), newest first.
import type { ListAudience } from './data/dispute-reads.ts';
import { isStaff } from './domain/dispute.ts';
import { cursorFor, startKeyFrom } from './http/page-cursor-param.ts';
import { withHttp } from './http/with-http.ts';
import { baseDependencies } from './base-dependencies.ts';
import { listDisputesRequest } from './requests/list-disputes-request.ts';
import { disputeDetails } from './use-cases/dispute-details.ts';
import { withEvidence } from './with-evidence.ts';

const deps = withEvidence(baseDependencies());

export const handler = withHttp(deps, listDisputesRequest, async ({ request, caller }) => {
  const query = request.query;
  const audience: ListAudience = isStaff(caller.role) ? { kind: 'staff' } : { kind: 'party', userId: caller.id };
  const binding = { sub: caller.id, scope: `disputes:${audience.kind}:${query.status ?? '*'}` };
  const startKey = startKeyFrom(query.cursor, binding, deps.env.CURSOR_SECRET);

  const [page, count] = await Promise.all([
    deps.disputes.list(audience, query.status, { limit: query.limit, startKey }),
    deps.disputes.count(audience, query.status),
  ]);
  const results = await Promise.all(page.items.map((stored) => disputeDetails(deps, stored, caller)));
  return { status: 200, body: { results, count, next_cursor: cursorFor(page.nextKey, binding, deps.env.CURSOR_SECRET) } };
});
