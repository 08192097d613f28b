// For a request no route matched: the contract route that was probably meant,
// for the emulator's log line (the client still gets API Gateway's own 404).
// The same path with another method comes first (PUT where the contract has
// PATCH), then the same method on a path that differs in one segment by a few
// letters (`/mediation` for `/mediate`).
import type { Route } from '../../contract-core/load-contract.ts';

const segments = (path: string) => path.split('/').filter((part) => part !== '');
const isParameter = (segment: string) => segment.startsWith('{');

/** Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** How far a request path is from a route's template: 0 when it matches, Infinity when it is not close. */
function pathDistance(template: string, path: string): number {
  const expected = segments(template);
  const actual = segments(path);
  if (expected.length !== actual.length) return Number.POSITIVE_INFINITY;
  let total = 0;
  for (const [i, segment] of expected.entries()) {
    if (isParameter(segment) || segment === actual[i]) continue;
    const d = distance(segment, actual[i]!.toLowerCase());
    // A near miss on a word long enough to tell: a few letters off, or sharing its first five (`mediate` / `mediation`).
    const near =
      (d <= 2 && segment.length >= 5) ||
      (segment.length >= 5 && (actual[i]!.toLowerCase().startsWith(segment.slice(0, 5)) || segment.startsWith(actual[i]!.slice(0, 5))));
    if (!near || total > 0) return Number.POSITIVE_INFINITY;
    total += d;
  }
  return total;
}

export function probableRoute(routes: readonly Route[], method: string, path: string): Route | undefined {
  const upper = method.toUpperCase();
  const samePath = routes.find((route) => route.method !== upper && pathDistance(route.openapiPath, path) === 0);
  if (samePath) return samePath;
  const ranked = routes
    .filter((route) => route.method === upper)
    .map((route) => ({ route, d: pathDistance(route.openapiPath, path) }))
    .filter(({ d }) => Number.isFinite(d))
    .sort((a, b) => a.d - b.d);
  return ranked[0]?.route;
}

/** A route of these whose path template matches the path, whatever its method; undefined when none does. */
export function routeOnPath(routes: readonly Route[], path: string): Route | undefined {
  return routes.find((route) => pathDistance(route.openapiPath, path) === 0);
}
