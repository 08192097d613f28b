// JSON request bodies as HTTP API delivers them: media type, size, base64 and
// syntax. What the parsed value must look like is the operation's business
// (parse-request.ts, against the operation's definition in handlers/requests/).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MalformedJsonProblem, PayloadTooLargeProblem, UnsupportedMediaTypeProblem } from '../problems/problem.ts';

/** Larger than any valid body of this API (descriptions are capped at 5000 characters). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

export type BodyEvent = Partial<Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>>;

/** `multipart/form-data` for `Multipart/Form-Data; boundary=x`; '' when absent. */
export function mediaTypeOf(event: BodyEvent): string {
  return (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The body parsed as JSON, or undefined when no body was sent. `alsoAccepted`
 * names the operation's other media types, for the 415's detail.
 */
export function readJsonBody(event: BodyEvent, alsoAccepted: readonly string[] = []): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  // The media type first: the JSON size cap says nothing about other bodies
  // (a multipart upload is far larger, and is not read here).
  const contentType = mediaTypeOf(event);
  if (contentType !== 'application/json') {
    const accepted = ['application/json', ...alsoAccepted].join(' or ');
    throw new UnsupportedMediaTypeProblem(`Send the body as ${accepted}, not ${contentType || 'no content type'}`);
  }
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_JSON_BODY_BYTES) {
    throw new PayloadTooLargeProblem(`The body may be at most ${MAX_JSON_BODY_BYTES} bytes`);
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new MalformedJsonProblem(error instanceof Error ? error.message : 'not valid JSON');
  }
}
