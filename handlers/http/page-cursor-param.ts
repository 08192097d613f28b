// The `cursor` query parameter: verified against the caller and the list, or 400.
import { decodeCursor, encodeCursor, type CursorBinding, type StartKey } from '../domain/page-cursor.ts';
import { readFunctionEnvironment } from '../function-environment.ts';
import { ValidationProblem } from './problem.ts';

export function startKeyFrom(cursor: string | undefined, binding: CursorBinding): StartKey | null {
  if (cursor === undefined) return null;
  const key = decodeCursor(cursor, binding, readFunctionEnvironment().CURSOR_SECRET);
  if (!key) throw ValidationProblem.at('query.cursor', 'Not a cursor of this list; start again without one');
  return key;
}

export function cursorFor(nextKey: StartKey | null, binding: CursorBinding): string | null {
  return nextKey ? encodeCursor(nextKey, binding, readFunctionEnvironment().CURSOR_SECRET) : null;
}
