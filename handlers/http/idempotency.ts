// Idempotency-Key on POST: the same key with the same request within 24 hours
// answers with the first response again (marked `idempotent-replayed: true`)
// instead of doing the work twice; the same key with a different request is
// a 422; a retry while the first is still running is a 409. A first request
// that failed with a 5xx or threw leaves nothing behind, so it can be retried;
// so does one that was not valid, as it is refused before this runs.
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { IdempotencyStore } from '../data/idempotency-store.ts';
import type { Clock } from '../domain/clock.ts';
import type { Caller } from '../domain/dispute.ts';
import { requestFingerprint } from '../domain/request-fingerprint.ts';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKeySchema } from '../requests/parameters.ts';
import { fieldErrors } from '../requests/field-errors.ts';
import { IdempotencyInProgressProblem, IdempotencyKeyReusedProblem, ValidationProblem } from '../problems/problem.ts';
import type { HttpEvent } from './with-http.ts';

type Result = APIGatewayProxyStructuredResultV2;

export interface IdempotencyDependencies {
  /** Absent in functions whose routes take no Idempotency-Key (reads): they hold no write permission. */
  idempotency?: IdempotencyStore | undefined;
  clock: Clock;
}

export async function idempotent(
  deps: IdempotencyDependencies,
  event: HttpEvent,
  context: Context,
  caller: Caller,
  run: () => Promise<Result>,
): Promise<Result> {
  const key = event.headers?.[IDEMPOTENCY_KEY_HEADER];
  if (event.requestContext.http.method !== 'POST' || key === undefined) return run();
  const store = deps.idempotency;
  if (!store) throw new Error(`${event.routeKey} takes Idempotency-Key but its function was given no idempotency store`);
  // Every POST operation declares the header, so its request parse has refused
  // a malformed key already; this keeps one that reaches here from being stored.
  const checked = IdempotencyKeySchema.safeParse(key);
  if (!checked.success) throw new ValidationProblem(fieldErrors(`header.${IDEMPOTENCY_KEY_HEADER}`, checked.error.issues));

  const now = Math.floor(deps.clock().getTime() / 1000);
  const claim = await store.claim({
    userId: caller.id,
    key,
    fingerprint: requestFingerprint({
      method: event.requestContext.http.method,
      path: event.rawPath,
      contentType: event.headers?.['content-type'],
      body: event.body === undefined ? undefined : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8'),
    }),
    now,
    lockedUntil: now + Math.ceil(context.getRemainingTimeInMillis() / 1000) + 1,
  });
  if (claim.kind === 'mismatch') throw new IdempotencyKeyReusedProblem(`Idempotency-Key ${key} was first used for another request`);
  if (claim.kind === 'in_progress')
    throw new IdempotencyInProgressProblem(`The first request with Idempotency-Key ${key} has not finished; retry later`);
  if (claim.kind === 'replay') {
    const { statusCode, contentType, body } = claim.response;
    return { statusCode, headers: { 'content-type': contentType, 'idempotent-replayed': 'true' }, body };
  }

  let result: Result;
  try {
    result = await run();
  } catch (error) {
    await store.release(caller.id, key);
    throw error;
  }
  const statusCode = result.statusCode ?? 200;
  if (statusCode >= 500) await store.release(caller.id, key);
  else {
    const contentType = String(result.headers?.['content-type'] ?? 'application/json');
    await store.complete(caller.id, key, { statusCode, contentType, body: result.body ?? '' });
  }
  return result;
}
