// What makes two requests "the same" for Idempotency-Key: method, path,
// media type and body bytes. A multipart body's boundary is random per send,
// so it is replaced by a constant before hashing: a client that retries the
// same form with a new boundary is still sending the same request.
import { createHash } from 'node:crypto';

export interface FingerprintInput {
  method: string;
  path: string;
  contentType: string | undefined;
  body: Buffer | undefined;
}

export function requestFingerprint(input: FingerprintInput): string {
  const contentType = input.contentType ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  let body = input.body ?? Buffer.alloc(0);
  let mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (boundary) {
    body = Buffer.from(body.toString('latin1').replaceAll(boundary, 'BOUNDARY'), 'latin1');
    mediaType = `${mediaType}; boundary=BOUNDARY`;
  }
  return createHash('sha256').update(`${input.method.toUpperCase()} ${input.path}\n${mediaType}\n`).update(body).digest('base64url');
}
