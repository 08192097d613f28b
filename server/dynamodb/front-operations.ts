// The operations the front server answers itself instead of forwarding to
// dynalite: the transactions and Time to Live, which dynalite lacks.
import type { ClientRequestTokens } from './client-request-tokens.ts';
import type { CallOperation } from './dynalite-client.ts';
import type { JsonResponse } from './front-responses.ts';
import { describeTimeToLive, updateTimeToLive } from './time-to-live-operations.ts';
import type { TimeToLiveSettings } from './time-to-live-settings.ts';
import { transactGetItems } from './transact-get-items.ts';
import { transactWriteItems } from './transact-write-items.ts';
import type { TransactionJournal } from './transaction-journal.ts';
import type { TtlIndex } from './ttl-index.ts';

export interface FrontContext {
  /** dynalite, signed like the client's request. */
  call: CallOperation;
  journal: TransactionJournal;
  tokens: ClientRequestTokens;
  timeToLive: TimeToLiveSettings;
  ttlIndex: TtlIndex;
}

export type FrontOperation = (request: Record<string, unknown>, context: FrontContext) => Promise<JsonResponse>;

export const FRONT_OPERATIONS: Record<string, FrontOperation> = {
  'DynamoDB_20120810.TransactWriteItems': (request, { call, journal, tokens, ttlIndex }) =>
    // Recorded inside the token's run: a replay applies nothing, so it must not record its items either.
    tokens.run(request, async () => {
      const response = await transactWriteItems(request, call, journal);
      if (response.status === 200) await ttlIndex.recordWrite('TransactWriteItems', request);
      return response;
    }),
  'DynamoDB_20120810.TransactGetItems': (request, { call }) => transactGetItems(request, call),
  'DynamoDB_20120810.UpdateTimeToLive': (request, { call, timeToLive, ttlIndex }) => updateTimeToLive(request, call, timeToLive, ttlIndex),
  'DynamoDB_20120810.DescribeTimeToLive': (request, { call, timeToLive }) => describeTimeToLive(request, call, timeToLive),
};
