// The legacy completion methods on the context, and a nested export path.
import type { Context } from 'aws-lambda';

export function succeeds(_event: unknown, context: Context): void {
  context.succeed({ statusCode: 200, body: 'succeeded' });
}

export function fails(_event: unknown, context: Context): void {
  context.fail(new RangeError('failed on purpose'));
}

export function done(_event: unknown, context: Context): void {
  context.done(undefined, { statusCode: 201, body: 'done' });
}

export const nested = { handler: async () => ({ statusCode: 200, body: 'nested' }) };

// Neither a promise nor a callback: Lambda answers null once the event loop is empty.
export function returnsPlainValue(): unknown {
  return { statusCode: 200, body: 'ignored' };
}
