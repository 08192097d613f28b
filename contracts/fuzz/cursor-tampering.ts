// Cursors the server did not issue. Its cursors are signed (a body and an
// HMAC), so any change to one, and any string made up, must be refused with a
// 400. Such strings are still valid per the contract's schema (a string of at
// most 2048 characters); only the server's signature check refuses them.
import fc from 'fast-check';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const base64url = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...BASE64URL), minLength, maxLength });

/** Made-up cursors of 1 to maxLength characters: some shaped like a real one (`body.signature`), some not. */
export function notACursor(maxLength = 2048): fc.Arbitrary<string> {
  const shaped = fc.tuple(base64url(1, 120), base64url(43, 43)).map(([body, signature]) => `${body}.${signature}`);
  const forged = fc
    .record({
      sub: fc.nat(),
      scope: fc.constantFrom('disputes:party:all', 'messages:1:party'),
      key: fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
    })
    .map((payload) => `${Buffer.from(JSON.stringify({ v: 1, ...payload })).toString('base64url')}.${'A'.repeat(43)}`);
  const anything = fc.string({ minLength: 1, maxLength: 64 });
  return fc.oneof(shaped, forged, anything).filter((cursor) => cursor.length >= 1 && cursor.length <= maxLength);
}

/**
 * Tampered copies of a real cursor: one to three characters replaced by other
 * base64url characters, or the end cut off. Never the cursor itself, never longer.
 */
export function tamperCursor(cursor: string): fc.Arbitrary<string> {
  if (cursor.length === 0) throw new Error('tamperCursor needs a cursor the server issued');
  const flips = fc
    .uniqueArray(fc.nat({ max: cursor.length - 1 }), { minLength: 1, maxLength: Math.min(3, cursor.length) })
    .chain((positions) =>
      fc.tuple(
        ...positions.map((position) => fc.constantFrom(...BASE64URL.replace(cursor[position]!, '')).map((to) => [position, to] as const)),
      ),
    )
    .map((changes) => {
      const characters = cursor.split('');
      for (const [position, to] of changes) characters[position] = to;
      return characters.join('');
    });
  if (cursor.length === 1) return flips;
  const cut = fc.integer({ min: 1, max: cursor.length - 1 }).map((keep) => cursor.slice(0, keep));
  return fc.oneof(flips, cut);
}
