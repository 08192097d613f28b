// The contract's shared parameters (`components.parameters` in openapi.yaml)
// as zod schemas over the strings API Gateway delivers, for the operations'
// request definitions to compose.
import { z } from 'zod';
import { DISPUTE_STATUSES } from '../domain/dispute.ts';

const POSITIVE_INTEGER = /^[1-9]\d{0,15}$/;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const MAX_CURSOR_LENGTH = 2048;

/** A decimal positive safe integer, as ids travel in paths (no sign, no leading zero). */
function positiveInteger(message: string) {
  return z
    .string({ error: message })
    .regex(POSITIVE_INTEGER, message)
    .transform(Number)
    .refine((value) => Number.isSafeInteger(value), message);
}

/** `DisputeId`: the path of every `/disputes/{id}` operation. */
export const DisputePath = z.object({ id: positiveInteger('Must be a positive integer') });

const limitMessage = `Must be an integer from 1 to ${MAX_LIMIT}`;

/** A page size: `Limit`, and the mobile app's `PageSize` (app-paging.ts). */
export const PageSizeSchema = positiveInteger(limitMessage).pipe(z.number().max(MAX_LIMIT, limitMessage));

/** `Limit` and `Cursor`: one page of a list. */
export const pageQuery = {
  limit: PageSizeSchema.optional().default(DEFAULT_LIMIT),
  cursor: z.string().min(1, 'Not a valid cursor').max(MAX_CURSOR_LENGTH, 'Not a valid cursor').optional(),
};

/** `StatusFilter`. */
export const statusFilterQuery = {
  status: z.enum(DISPUTE_STATUSES, { error: `Must be one of ${DISPUTE_STATUSES.join(', ')}` }).optional(),
};

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** `Idempotency-Key`: visible ASCII, as a header value can carry it. */
export const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'Must be 1 to 255 visible ASCII characters');

export const idempotencyKeyHeader = { [IDEMPOTENCY_KEY_HEADER]: IdempotencyKeySchema.optional() } as const;

const IF_MATCH_VERSION = /^\s*(?:W\/)?"?([0-9]{1,15})"?\s*$/;

/** `If-Match`: the dispute version in `3`, `"3"` or `W/"3"`; `*` matches any version, as no header does. */
export const IfMatchSchema = z.string().transform((raw, context): number | undefined => {
  if (raw.trim() === '*') return undefined;
  const version = IF_MATCH_VERSION.exec(raw)?.[1];
  if (version === undefined) {
    context.addIssue({ code: 'custom', message: 'Must be the dispute version, e.g. 3 or "3"' });
    return z.NEVER;
  }
  return Number(version);
});

export const ifMatchHeader = { 'if-match': IfMatchSchema.optional() } as const;
