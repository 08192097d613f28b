// Idempotency records: one per caller and Idempotency-Key, holding the
// request's fingerprint and, once the first request finished, its response.
// They expire after 24 hours through the table's TTL attribute (`expires_at`);
// until the TTL sweep removes one, an expired record counts as absent.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unlessConditionFails } from './conditional-failure.ts';
import type { Table } from './table.ts';
import { keys } from './table-keys.ts';

export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

export interface StoredResponse {
  statusCode: number;
  contentType: string;
  body: string;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

export interface ClaimRequest {
  userId: number;
  key: string;
  fingerprint: string;
  /** Epoch seconds. */
  now: number;
  /** Epoch seconds after which an unfinished claim (its function died) may be taken over. */
  lockedUntil: number;
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;

export function createIdempotencyStore(table: Table) {
  return {
    /** Claims the key for this request, or says what became of the first request that used it. */
    async claim(request: ClaimRequest): Promise<ClaimOutcome> {
      const Key = keys.idempotency(request.userId, request.key);
      const claimed = await unlessConditionFails(
        table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...Key,
              fingerprint: request.fingerprint,
              state: 'in_progress',
              locked_until: request.lockedUntil,
              expires_at: request.now + IDEMPOTENCY_WINDOW_SECONDS,
            },
            ConditionExpression:
              'attribute_not_exists(PK) OR expires_at < :now OR (#state = :in_progress AND locked_until < :now AND fingerprint = :fingerprint)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':now': request.now, ':in_progress': 'in_progress', ':fingerprint': request.fingerprint },
          }),
        ),
        () => false,
      );
      if (claimed) return { kind: 'claimed' };
      const existing = (await table.client.send(new GetCommand({ TableName: table.name, Key, ConsistentRead: true }))).Item;
      // Gone between the two calls (expired and swept): the caller may simply try again.
      if (!existing) return { kind: 'in_progress' };
      if (existing['fingerprint'] !== request.fingerprint) return { kind: 'mismatch' };
      if (existing['state'] !== 'done') return { kind: 'in_progress' };
      return { kind: 'replay', response: existing['response'] as StoredResponse };
    },

    async complete(userId: number, key: string, response: StoredResponse): Promise<void> {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keys.idempotency(userId, key),
          UpdateExpression: 'SET #state = :done, #response = :response REMOVE locked_until',
          ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
          ExpressionAttributeValues: { ':done': 'done', ':response': response },
        }),
      );
    },

    /** The first request failed without an answer worth replaying: free the key for a retry. */
    async release(userId: number, key: string): Promise<void> {
      await unlessConditionFails(
        table.client.send(
          new DeleteCommand({
            TableName: table.name,
            Key: keys.idempotency(userId, key),
            ConditionExpression: '#state = :in_progress',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':in_progress': 'in_progress' },
          }),
        ),
        () => undefined,
      );
    },
  };
}
