// Opaque page cursors: base64url(JSON) + "." + base64url(HMAC-SHA256). The
// payload binds the exclusive start key to the caller and the list it came
// from, so a cursor cannot be forged, edited or replayed by someone else.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type StartKey = Record<string, string>;

export interface CursorBinding {
  /** The caller's user id (JWT `sub`). */
  sub: number;
  /** What the list is, e.g. `disputes:party:open` or `messages:42:staff`. */
  scope: string;
}

interface CursorPayload {
  v: 1;
  sub: number;
  scope: string;
  key: StartKey;
}

const sign = (body: string, secret: string): string => createHmac('sha256', secret).update(body).digest('base64url');

export function encodeCursor(key: StartKey, binding: CursorBinding, secret: string): string {
  const payload: CursorPayload = { v: 1, sub: binding.sub, scope: binding.scope, key };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

/** The start key of a cursor this caller got for this list; null for anything else. */
export function decodeCursor(cursor: string, binding: CursorBinding, secret: string): StartKey | null {
  const [body, signature, extra] = cursor.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isPayload(payload)) return null;
  if (payload.sub !== binding.sub || payload.scope !== binding.scope) return null;
  return payload.key;
}

function isPayload(value: unknown): value is CursorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const key = candidate['key'];
  return (
    candidate['v'] === 1 &&
    typeof candidate['sub'] === 'number' &&
    typeof candidate['scope'] === 'string' &&
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.values(key).every((part) => typeof part === 'string')
  );
}
