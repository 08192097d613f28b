// ClientRequestToken idempotency of TransactWriteItems. AWS: "A client request
// token is valid for 10 minutes after the first request that uses it is
// completed. After 10 minutes, any request with the same client token is
// treated as a new request." and "If you submit a request with the same client
// token but a change in other parameters within the 10-minute idempotency
// window, DynamoDB returns an IdempotentParameterMismatch exception."
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#DDB-TransactWriteItems-request-ClientRequestToken
//
// Tokens live in this process's memory only: a restart of the emulator forgets
// them, so a retry that arrives after a restart is applied as a new request.
// The JavaScript SDK fills in a fresh token on every call (the member carries
// the idempotencyToken trait), so its own retries are covered.
import { createHash } from 'node:crypto';
import type { JsonResponse } from './front-responses.ts';
import { validationError } from './front-responses.ts';

export const TOKEN_WINDOW_MS = 10 * 60 * 1000;
// Length limits of the member in the API model (1 to 36 characters).
const MAX_TOKEN_LENGTH = 36;

export interface ClientRequestTokens {
  /** Runs `apply` unless the request's token was already used: a replay of the same request succeeds without applying again. */
  run(request: Record<string, unknown>, apply: () => Promise<JsonResponse>): Promise<JsonResponse>;
}

/** JSON with object keys sorted at every level, so equal requests give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function tokenLengthError(token: unknown): JsonResponse | undefined {
  if (typeof token !== 'string') return validationError('ClientRequestToken must be a string');
  if (token.length < 1 || token.length > MAX_TOKEN_LENGTH) {
    const bound = token.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_TOKEN_LENGTH}`;
    return validationError(
      `1 validation error detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: ` +
        `Member must have length ${bound}`,
    );
  }
  return undefined;
}

// The error's description in the DynamoDB API model; AWS's exact message text is not documented.
const mismatch = (): JsonResponse => ({
  status: 400,
  body: {
    __type: 'com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException',
    message:
      'DynamoDB rejected the request because you retried a request with a different payload but with an idempotent token that was already used.',
  },
});

export function createClientRequestTokens(now: () => number): ClientRequestTokens {
  // token -> digest of the canonical request and when its first successful use completed; oldest first.
  // A digest, not the request: tens of transactions a second, each kept 10 minutes, would hold
  // hundreds of MB of request text.
  const used = new Map<string, { request: string; completedAt: number }>();

  function forgetExpired(): void {
    for (const [token, entry] of used) {
      if (now() - entry.completedAt <= TOKEN_WINDOW_MS) break;
      used.delete(token);
    }
  }

  return {
    async run(request, apply) {
      const token = request.ClientRequestToken;
      if (token === undefined) return apply();
      const invalid = tokenLengthError(token);
      if (invalid) return invalid;
      forgetExpired();
      const { ClientRequestToken: _token, ...rest } = request;
      const canonical = createHash('sha256').update(canonicalJson(rest)).digest('base64');
      const previous = used.get(String(token));
      if (previous) return previous.request === canonical ? { status: 200, body: {} } : mismatch();
      const response = await apply();
      // Only a request that took effect claims its token; a cancelled one may be retried as new.
      if (response.status === 200) used.set(String(token), { request: canonical, completedAt: now() });
      return response;
    },
  };
}
