// POST /disputes/{id}/messages: a message while the dispute is active;
// `is_internal` (staff-only) messages may be sent by staff only.
import { createMessageWrites } from './data/message-writes.ts';
import { withHttp } from './http/with-http.ts';
import { baseDependencies } from './base-dependencies.ts';
import { sendDisputeMessageRequest } from './requests/send-dispute-message-request.ts';
import { sendMessage } from './use-cases/send-message.ts';
import { messageView } from './views/message-view.ts';
import { withWrites } from './with-writes.ts';

const base = withWrites(baseDependencies());
const deps = { ...base, messageWrites: createMessageWrites(base.table) };

export const handler = withHttp(deps, sendDisputeMessageRequest, async ({ request, caller }) => {
  const disputeId = request.path.id;
  const body = request.body;
  const message = await sendMessage(deps, disputeId, caller, { message: body.message, is_internal: body.is_internal ?? false });
  return { status: 201, body: messageView(disputeId, message) };
});
