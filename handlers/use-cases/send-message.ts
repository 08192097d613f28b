// Sending a message while the dispute is active; `is_internal` (staff-only)
// messages may be sent by staff only.
import type { DirectoryReads } from '../data/directory-reads.ts';
import type { DisputeReads } from '../data/dispute-reads.ts';
import type { StoredMessage } from '../data/message-reads.ts';
import type { MessageWrites } from '../data/message-writes.ts';
import type { Clock } from '../domain/clock.ts';
import { isStaff, type Caller } from '../domain/dispute.ts';
import { ActionForbidden } from '../domain/dispute-errors.ts';
import { retryContendedWrite, type Backoff } from './contended-write.ts';
import { actorRef, loadVisibleDispute, requireAllowed } from './dispute-access.ts';

export interface MessageDependencies {
  disputes: DisputeReads;
  directory: DirectoryReads;
  messageWrites: MessageWrites;
  clock: Clock;
  backoff?: Backoff;
}

export async function sendMessage(
  deps: MessageDependencies,
  disputeId: number,
  caller: Caller,
  input: { message: string; is_internal: boolean },
): Promise<StoredMessage> {
  return retryContendedWrite<StoredMessage>(
    caller,
    async () => {
      const stored = await loadVisibleDispute(deps.disputes, disputeId, caller);
      if (input.is_internal && !isStaff(caller.role)) throw new ActionForbidden('Only staff may send internal messages');
      requireAllowed('send_message', stored.dispute, caller);
      const message = {
        sender: await actorRef(deps.directory, caller, stored.dispute),
        message: input.message,
        is_internal: input.is_internal,
        is_system: false,
        created_at: deps.clock().toISOString(),
      };
      const id = await deps.messageWrites.append(stored, message);
      // A conflict means the dispute left the active statuses meanwhile: read again, and the rules refuse it.
      return id === 'conflict' ? { lost: stored.dispute } : { committed: { id, ...message } };
    },
    deps.backoff,
  );
}
