// The `cursor` query parameter: verified against the caller and the list, or 400.
import { decodeCursor, encodeCursor, type CursorBinding, type StartKey } from '../domain/page-cursor.ts';
import { ValidationProblem } from '../problems/problem.ts';

export function startKeyFrom(cursor: string | undefined, binding: CursorBinding, secret: string): StartKey | null {
  if (cursor === undefined) return null;
  const key = decodeCursor(cursor, binding, secret);
  if (!key) throw ValidationProblem.at('query.cursor', 'Not a cursor of this list; start again without one');
  return key;
}

export function cursorFor(nextKey: StartKey | null, binding: CursorBinding, secret: string): string | null {
  return nextKey ? encodeCursor(nextKey, binding, secret) : null;
}
