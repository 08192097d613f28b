// RFC 9457 problem details: one small class per case, each with a stable code.
// `type` is `https://disputes.example/problems/<code>` for every problem.
import type { FieldError, Problem, ProblemCode as ContractProblemCode } from '../../contracts/api.ts';
import type { DisputeAction, DisputeStatus } from '../domain/dispute.ts';

export type ProblemBody = Problem;
export type { FieldError };

export const PROBLEM_TYPE_BASE = 'https://disputes.example/problems/';

/**
 * Every code a handler can answer with, its status and title: exactly the
 * contract's `ProblemCode` enum (a code missing on either side fails `tsc`).
 */
export const PROBLEMS = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  forbidden: { status: 403, title: 'Your role may not do this' },
  not_found: { status: 404, title: 'Not found' },
  transition_not_allowed: { status: 409, title: 'Not allowed in the dispute’s current state' },
  dispute_changed: { status: 409, title: 'The dispute changed while the request was processed' },
  active_dispute_exists: { status: 409, title: 'The project already has an active dispute' },
  evidence_limit_reached: { status: 409, title: 'You have added the maximum number of evidence files to this dispute' },
  idempotency_request_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  version_mismatch: { status: 412, title: 'The dispute has changed since the version you sent' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  use_presigned_upload: { status: 413, title: 'The file is too large to send in the request; upload it with a presigned POST' },
  unsupported_media_type: { status: 415, title: 'The request body must be application/json' },
  content_type_mismatch: { status: 422, title: 'The file’s content is not of its declared content type' },
  idempotency_key_reused: { status: 422, title: 'This Idempotency-Key was used for a different request' },
} as const satisfies Record<ContractProblemCode, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export abstract class HttpProblem extends Error {
  abstract readonly code: ProblemCode;

  constructor(readonly detail?: string) {
    super(detail);
    this.name = new.target.name;
  }

  get status(): number {
    return PROBLEMS[this.code].status;
  }

  get title(): string {
    return PROBLEMS[this.code].title;
  }

  /** Extra members beyond the standard ones. */
  protected extensions(): Partial<ProblemBody> {
    return {};
  }

  toJSON(): ProblemBody {
    return {
      type: `${PROBLEM_TYPE_BASE}${this.code}`,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      // The mobile app shows `message` to the user (docs/mobile-app-compatibility.md).
      message: this.detail ?? this.title,
      ...this.extensions(),
    };
  }
}

export class ValidationProblem extends HttpProblem {
  readonly code = 'validation_failed';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((error) => `${error.path}: ${error.message}`).join('; '));
  }
  static at(path: string, message: string): ValidationProblem {
    return new ValidationProblem([{ path, message }]);
  }
  protected override extensions(): Partial<ProblemBody> {
    return { errors: this.errors };
  }
}

export class MalformedJsonProblem extends HttpProblem {
  readonly code = 'malformed_json';
  protected override extensions(): Partial<ProblemBody> {
    return { errors: [{ path: 'body', message: this.detail ?? 'not valid JSON' }] };
  }
}

export class ForbiddenProblem extends HttpProblem {
  readonly code = 'forbidden';
}

export class NotFoundProblem extends HttpProblem {
  readonly code = 'not_found';
}

/** 409 for a state conflict; carries what the caller may do instead. */
export class ConflictProblem extends HttpProblem {
  constructor(
    readonly code: 'transition_not_allowed' | 'dispute_changed' | 'active_dispute_exists' | 'evidence_limit_reached',
    detail: string,
    readonly state?: { allowed_actions: DisputeAction[]; current_status: DisputeStatus },
  ) {
    super(detail);
  }
  protected override extensions(): Partial<ProblemBody> & { current_status?: DisputeStatus } {
    return this.state ? { ...this.state } : {};
  }
}

export class PreconditionFailedProblem extends HttpProblem {
  readonly code = 'version_mismatch';
  constructor(readonly currentVersion: number) {
    super(`The dispute is at version ${currentVersion}`);
  }
  protected override extensions(): Partial<ProblemBody> {
    return { current_version: this.currentVersion };
  }
}

export class PayloadTooLargeProblem extends HttpProblem {
  readonly code = 'payload_too_large';
}

export class UnsupportedMediaTypeProblem extends HttpProblem {
  readonly code = 'unsupported_media_type';
}

/** 413 for a file sent in the request that only the presigned flow can take. */
export class UsePresignedUploadProblem extends HttpProblem {
  readonly code = 'use_presigned_upload';
}

/** 422: the magic bytes say the file is not what its content type claims. */
export class ContentTypeMismatchProblem extends HttpProblem {
  readonly code = 'content_type_mismatch';
}

/** 409: the first request with this Idempotency-Key has not finished yet; retry later. */
export class IdempotencyInProgressProblem extends HttpProblem {
  readonly code = 'idempotency_request_in_progress';
}

/** 422: the Idempotency-Key was first used with another method, path or body. */
export class IdempotencyKeyReusedProblem extends HttpProblem {
  readonly code = 'idempotency_key_reused';
}
