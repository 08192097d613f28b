// zod issues → the contract's FieldError list (`body.reason`, `query.limit`).
import type { z } from 'zod';
import type { FieldError } from './problem.ts';

export function fieldErrors(root: string, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const at = [root, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${at}.${key}`, message: 'Unknown field' }));
    }
    return [{ path: at, message: issue.message }];
  });
}
