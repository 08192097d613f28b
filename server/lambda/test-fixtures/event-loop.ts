// A callback handler that leaves a timer behind, with and without waiting for it.
import type { Callback, Context } from 'aws-lambda';

export function waits(_event: unknown, _context: Context, callback: Callback): void {
  setTimeout(() => console.log('timer fired'), 300);
  callback(null, { statusCode: 200, body: 'answered' });
}

export function doesNotWait(_event: unknown, context: Context, callback: Callback): void {
  context.callbackWaitsForEmptyEventLoop = false;
  setTimeout(() => console.log('timer fired'), 300);
  callback(null, { statusCode: 200, body: 'answered' });
}
