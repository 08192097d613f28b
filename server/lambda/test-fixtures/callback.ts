import type { Callback, Context } from 'aws-lambda';

export function handler(_event: unknown, _context: Context, callback: Callback): void {
  setTimeout(() => callback(null, { statusCode: 202, body: 'later' }), 5);
}
