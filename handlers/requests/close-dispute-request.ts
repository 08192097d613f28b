// POST /disputes/{id}/close (closeDispute); the body is optional.
import { z } from 'zod';
import type { MatchesOperation } from './contract-drift.ts';
import { DisputePath, idempotencyKeyHeader, ifMatchHeader } from './parameters.ts';
import { APP_FIELD_HINTS } from './app-field-hints.ts';
import { defineRequest } from './request-definition.ts';

const RESOLUTION_HINT = APP_FIELD_HINTS.closeDispute['body.resolution'];
export const REJECTED_MESSAGE = `Not a close reason (${RESOLUTION_HINT})`;
export const RESOLUTION_WITH_REASON_MESSAGE = `Send the close text once: as reason, or as resolution without a reason (${RESOLUTION_HINT})`;

const CloseText = z.string().max(2000);

// The mobile app sends its close reason as `resolution`: read as `reason`
// when there is none. `rejected` is how the app rejects a proposal, which
// closing would not do (docs/mobile-app-compatibility.md, rows 5 and 6).
const CloseDisputeBodySchema = z
  .strictObject({ reason: CloseText.optional(), resolution: CloseText.optional() })
  .superRefine((body, context) => {
    if (body.resolution === undefined) return;
    if (body.resolution === 'rejected') context.addIssue({ code: 'custom', path: ['resolution'], message: REJECTED_MESSAGE });
    else if (body.reason !== undefined) {
      context.addIssue({ code: 'custom', path: ['resolution'], message: RESOLUTION_WITH_REASON_MESSAGE });
    }
  })
  .transform(({ reason, resolution }): { reason?: string } => {
    const text = reason ?? resolution;
    return text === undefined ? {} : { reason: text };
  });

export const closeDisputeRequest = defineRequest({
  hints: APP_FIELD_HINTS.closeDispute,
  path: DisputePath,
  headers: z.object({ ...idempotencyKeyHeader, ...ifMatchHeader }),
  body: { required: false, json: CloseDisputeBodySchema },
});

export const closeDisputeRequestDrift: MatchesOperation<typeof closeDisputeRequest, 'closeDispute'> = true;
