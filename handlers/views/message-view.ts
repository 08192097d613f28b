import type { Message } from '../../contracts/api.ts';
import type { StoredMessage } from '../data/message-reads.ts';

export type MessageView = Message;

export function messageView(disputeId: number, message: StoredMessage): MessageView {
  const { id, ...rest } = message;
  return { id, dispute_id: disputeId, ...rest };
}
