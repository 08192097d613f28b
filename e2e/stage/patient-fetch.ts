// fetch for the suite's own housekeeping calls to a stage (the cleanup): each
// attempt is bounded, and what a deployed API answers under load — API
// Gateway's 429 when its throttling limits are passed, a 5xx, a dropped
// connection — is retried with backoff (honouring Retry-After) instead of
// leaving a run's disputes open.
import { setTimeout as sleep } from 'node:timers/promises';

const ATTEMPTS = 6;
const ATTEMPT_TIMEOUT_MS = 30_000;
const RETRIED = new Set([429, 500, 502, 503, 504]);

export async function patientFetch(input: Request): Promise<Response> {
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (attempt > 0) await sleep(Math.min(8_000, 250 * 2 ** attempt));
    try {
      const response = await fetch(input.clone(), { signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
      if (!RETRIED.has(response.status) || attempt === ATTEMPTS - 1) return response;
      const retryAfter = Number(response.headers.get('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter > 0) await sleep(Math.min(retryAfter, 30) * 1000);
      lastError = new Error(`${input.method} ${input.url}: ${response.status}`);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
