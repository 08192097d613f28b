import type { components } from '../../contracts/openapi.d.ts';
import type { StoredMessage } from '../data/message-repository.ts';

export type MessageView = components['schemas']['Message'];

export function messageView(disputeId: number, message: StoredMessage): MessageView {
  const { id, ...rest } = message;
  return { id, dispute_id: disputeId, ...rest };
}
