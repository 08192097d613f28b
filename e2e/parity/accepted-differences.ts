// Differences between two runs that are known and meant, each with its
// reason (e2e/parity-accepted.json), e.g. a call the suite makes only to the
// emulator's own console. An entry matches a difference when every field it
// gives matches: `test` as the start of the test's title (a file name takes
// the whole file), the others exactly. An entry must say why and must name
// at least what it matches, so that none accepts everything.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { Difference } from './compare-runs.ts';
import { readJsonFile, RecordsError } from './run-records.ts';

const MATCHERS = ['test', 'operation', 'kind', 'subject', 'a', 'b'] as const;

const entry = z
  .strictObject({
    test: z.string().min(1).optional(),
    operation: z.string().min(1).optional(),
    kind: z.string().min(1).optional(),
    subject: z.string().min(1).optional(),
    a: z.string().optional(),
    b: z.string().optional(),
    reason: z.string().trim().min(1, 'every accepted difference says why'),
  })
  .refine(
    (value) => MATCHERS.some((key) => value[key] !== undefined),
    'an entry names at least one of test, operation, kind, subject, a, b',
  );

export type AcceptedDifference = z.infer<typeof entry>;

export function readAcceptedDifferences(file: string): AcceptedDifference[] {
  if (!existsSync(file)) throw new RecordsError(`${file}: no such file of accepted differences`);
  const parsed = readJsonFile(file);
  const checked = z.array(entry).safeParse(parsed);
  if (!checked.success) throw new RecordsError(`${file}: ${z.prettifyError(checked.error).replaceAll('\n', ' ')}`);
  return checked.data;
}

export function acceptedBy(accepted: readonly AcceptedDifference[], difference: Difference): AcceptedDifference | undefined {
  return accepted.find(
    (candidate) =>
      (candidate.test === undefined || difference.test.startsWith(candidate.test)) &&
      MATCHERS.filter((key) => key !== 'test').every((key) => candidate[key] === undefined || candidate[key] === difference[key]),
  );
}
