// JSON request bodies: media type, size, base64 and syntax checks, then a zod
// schema whose issues become field errors named `body.<field>`.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import {
  MalformedJsonProblem,
  PayloadTooLargeProblem,
  UnsupportedMediaTypeProblem,
  ValidationProblem,
} from './problem.ts';
import { fieldErrors } from './field-errors.ts';

/** Larger than any valid body of this API (descriptions are capped at 5000 characters). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

export type BodyEvent = Partial<Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>>;

/** `multipart/form-data` for `Multipart/Form-Data; boundary=x`; '' when absent. */
export function mediaTypeOf(event: BodyEvent): string {
  return (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The raw body text, or undefined when no body was sent. */
export function readBodyText(event: BodyEvent): string | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  // The media type first: the JSON size cap says nothing about other bodies
  // (a multipart upload is far larger, and is not read here).
  const contentType = mediaTypeOf(event);
  if (contentType !== 'application/json') {
    throw new UnsupportedMediaTypeProblem(`Send the body as application/json, not ${contentType || 'no content type'}`);
  }
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_JSON_BODY_BYTES) {
    throw new PayloadTooLargeProblem(`The body may be at most ${MAX_JSON_BODY_BYTES} bytes`);
  }
  return bytes.toString('utf8');
}

/**
 * Parses and validates the body. `required: false` treats a missing body as `{}`.
 */
export function parseJsonBody<S extends z.ZodType>(event: BodyEvent, schema: S, options: { required: boolean }): z.output<S> {
  const text = readBodyText(event);
  let value: unknown = {};
  if (text === undefined) {
    if (options.required) throw ValidationProblem.at('body', 'A JSON body is required');
  } else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new MalformedJsonProblem(error instanceof Error ? error.message : 'not valid JSON');
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationProblem(fieldErrors('body', result.error.issues));
  return result.data;
}
