// What the console's data routes accept, checked before anything is read:
// each answers the value or the message of a 400.
import type { ResetRequest } from './console-data-types.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const refuse = <T>(message: string): Checked<T> => ({ ok: false, message });

/** One query parameter: absent is undefined, given twice is refused. */
export function queryValue(query: unknown, name: string): Checked<string | undefined> {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return ok(undefined);
  return typeof value === 'string' ? ok(value) : refuse(`${name} must be given once`);
}

export function requiredQueryValue(query: unknown, name: string): Checked<string> {
  const checked = queryValue(query, name);
  if (!checked.ok) return checked;
  return checked.value ? ok(checked.value) : refuse(`${name} is required`);
}

export const RESET_REFUSAL = 'to reset, send {"confirm":"reset"}';

/** A JSON body, from the bytes that came (the emulator parses no bodies); undefined when it is no JSON. */
export function jsonFrom(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The body of POST /reset. */
export function resetRequestFrom(body: unknown): Checked<ResetRequest> {
  const parsed = jsonFrom(body);
  const confirmed =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.keys(parsed).length === 1 &&
    (parsed as Record<string, unknown>)['confirm'] === 'reset';
  return confirmed ? ok({ confirm: 'reset' }) : refuse(RESET_REFUSAL);
}
