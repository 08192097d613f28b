// POST /disputes/{id}/close: withdraw (initiator, open), close a resolved
// dispute (either party or staff), or close any active one (admin).
import { parseJsonBody } from './http/request-body.ts';
import { disputeIdFrom, ifMatchVersionFrom } from './http/request-params.ts';
import { withHttp } from './http/with-http.ts';
import { CloseRequestSchema } from './schemas/dispute-action-requests.ts';
import { disputeDetails } from './use-cases/dispute-details.ts';
import { runTransition } from './use-cases/run-transition.ts';
import { readDependencies } from './read-dependencies.ts';
import { withEvidence } from './with-evidence.ts';
import { withWrites } from './with-writes.ts';

const deps = withEvidence(withWrites(readDependencies()));

export const handler = withHttp(deps, async ({ event, caller }) => {
  const disputeId = disputeIdFrom(event);
  const ifMatch = ifMatchVersionFrom(event);
  const body = parseJsonBody(event, CloseRequestSchema, { required: false });
  const stored = await runTransition(deps, { disputeId, caller, ifMatch, command: () => ({ kind: 'close', ...body }) });
  return { status: 200, body: await disputeDetails(deps, stored, caller) };
});
