// POST /disputes/{id}/messages: a message while the dispute is active;
// `is_internal` (staff-only) messages may be sent by staff only.
import { createMessageWrites } from './data/message-writes.ts';
import { parseJsonBody } from './http/request-body.ts';
import { disputeIdFrom } from './http/request-params.ts';
import { withHttp } from './http/with-http.ts';
import { SendMessageRequestSchema } from './schemas/send-message-request.ts';
import { sendMessage } from './use-cases/send-message.ts';
import { messageView } from './views/message-view.ts';
import { readDependencies } from './read-dependencies.ts';
import { withWrites } from './with-writes.ts';

const base = withWrites(readDependencies());
const deps = { ...base, messageWrites: createMessageWrites(base.table) };

export const handler = withHttp(deps, async ({ event, caller }) => {
  const disputeId = disputeIdFrom(event);
  const body = parseJsonBody(event, SendMessageRequestSchema, { required: true });
  const message = await sendMessage(deps, disputeId, caller, { message: body.message, is_internal: body.is_internal ?? false });
  return { status: 201, body: messageView(disputeId, message) };
});
