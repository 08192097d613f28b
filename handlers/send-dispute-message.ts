// POST /disputes/{id}/messages: a message while the dispute is active;
// `is_internal` (staff-only) messages may be sent by staff only.
import { MAX_ATTEMPTS, keptConflicting, pauseBeforeRetry } from './actions/contention-retry.ts';
import { actorRef, loadVisibleDispute, requireAllowed } from './actions/dispute-access.ts';
import { appendMessage } from './data/message-repository.ts';
import { isStaff } from './domain/dispute.ts';
import { ForbiddenProblem } from './http/problem.ts';
import { withHttp } from './http/with-http.ts';
import { sendDisputeMessageRequest } from './requests/send-dispute-message-request.ts';
import { messageView } from './views/message-view.ts';

export const handler = withHttp(sendDisputeMessageRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const body = request.body;
  const isInternal = body.is_internal ?? false;

  for (let attempt = 1; ; attempt += 1) {
    const stored = await loadVisibleDispute(disputeId, caller);
    if (isInternal && !isStaff(caller.role)) throw new ForbiddenProblem('Only staff may send internal messages');
    requireAllowed('send_message', stored.dispute, caller);
    const message = {
      sender: await actorRef(caller, stored.dispute),
      message: body.message,
      is_internal: isInternal,
      is_system: false,
      created_at: new Date().toISOString(),
    };
    const id = await appendMessage(stored, message);
    // A conflict means the dispute left the active statuses meanwhile: read again, and the rules answer 409.
    if (id !== 'conflict') return { status: 201, body: messageView(disputeId, { id, ...message }) };
    if (attempt >= MAX_ATTEMPTS) throw keptConflicting(stored.dispute, caller);
    await pauseBeforeRetry(attempt);
  }
});
