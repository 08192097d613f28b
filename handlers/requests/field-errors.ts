// zod issues → the contract's FieldError list (`body.reason`, `query.limit`).
import type { z } from 'zod';
import type { FieldError } from '../../contracts/api.ts';

/**
 * `known`: the parameters an operation takes, named in the message for an unknown
 * query parameter. `hints`: what to send instead of a name clients are known to send.
 */
export function fieldErrors(
  root: string,
  issues: readonly z.core.$ZodIssue[],
  known: readonly string[] = [],
  hints: Readonly<Record<string, string>> = {},
): FieldError[] {
  return issues.flatMap((issue) => {
    const at = [root, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = `${at}.${key}`;
        const unknown = root === 'query' ? `Unknown query parameter; this operation takes ${known.join(', ') || 'none'}` : 'Unknown field';
        return { path, message: hints[path] ? `${unknown} (${hints[path]})` : unknown };
      });
    }
    return [{ path: at, message: issue.message }];
  });
}
