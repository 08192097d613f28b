// A stage issuer's keys while the emulator runs: fetched at start and kept on
// disk; the disk copy when the issuer cannot be reached (offline start); and
// fetched again, at most once a minute, when a token names a kid they lack (the
// issuer rotated its keys), the copy then replaced too.
import type { IssuerKeys } from './jwt-authorizer.ts';
import type { Jwks } from './local-keys.ts';
import { type FetchedJwks, fetchStageJwks } from './fetch-stage-jwks.ts';
import { readStageJwksCopy, stageJwksFile, writeStageJwksCopy } from './stage-jwks-copy.ts';

export const REFETCH_INTERVAL_MS = 60_000;

export interface StageKeysOptions {
  issuer: string;
  /** --jwks-url: the keys' address, instead of the issuer's discovery document. */
  jwksUrl?: string;
  keyDir: string;
  /** Epoch milliseconds; the refetch limit and the copy's time read it. */
  clock: () => number;
  /** Where a failed refetch is told; the keys already held stay in use. */
  report: (line: string) => void;
  fetchJwks?: (issuer: string, jwksUrl?: string) => Promise<FetchedJwks>;
}

/** Where the keys in use came from: fetched now, or the disk copy because the issuer could not be reached. */
export interface StageKeysOrigin {
  jwksUrl: string;
  fetchedAt: number;
  /** Why the copy is in use (the fetch's error); undefined when the keys were fetched at start. */
  offline?: string;
  file: string;
}

export interface StageKeys extends IssuerKeys {
  origin(): StageKeysOrigin;
}

/** The issuer and its keys cannot be reached and there is no copy: what to do, in one line. */
export class StageKeysUnavailable extends Error {}

export async function openStageKeys(options: StageKeysOptions): Promise<StageKeys> {
  const { issuer, keyDir, clock } = options;
  const fetchJwks = options.fetchJwks ?? fetchStageJwks;
  const file = stageJwksFile(keyDir);
  let held: { jwks: Jwks; jwksUrl: string; fetchedAt: number; offline?: string };
  try {
    held = await fetched();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const copy = readStageJwksCopy(keyDir, issuer);
    if (!copy) {
      throw new StageKeysUnavailable(
        `the keys of ${issuer} could not be fetched (${why}) and ${file} holds no copy of them: start once with the issuer reachable, or give them with --jwks-file <file>`,
      );
    }
    held = { ...copy, offline: why };
  }

  /** Fetches the keys and replaces the copy; keys fetched are used even when the copy cannot be written. */
  async function fetched(): Promise<{ jwks: Jwks; jwksUrl: string; fetchedAt: number }> {
    const { jwks, jwksUrl } = await fetchJwks(issuer, options.jwksUrl);
    const fetchedAt = clock();
    try {
      writeStageJwksCopy(keyDir, { issuer, jwksUrl, fetchedAt, jwks });
    } catch (error) {
      options.report(
        `the keys of ${issuer} were fetched but ${file} could not be written (no offline start from it): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return { jwks, jwksUrl, fetchedAt };
  }

  let lastRefetch = Number.NEGATIVE_INFINITY;
  let refetching: Promise<void> | undefined;
  return {
    current: () => held.jwks,
    origin: () => ({ jwksUrl: held.jwksUrl, fetchedAt: held.fetchedAt, file, ...(held.offline ? { offline: held.offline } : {}) }),
    refetch() {
      // Tokens that arrive together wait for the one refetch under way.
      if (refetching) return refetching;
      if (clock() - lastRefetch < REFETCH_INTERVAL_MS) return Promise.resolve();
      lastRefetch = clock();
      refetching = fetched()
        .then((fresh) => {
          held = fresh;
        })
        .catch((error: unknown) => {
          options.report(`the keys of ${issuer} could not be fetched again: ${error instanceof Error ? error.message : String(error)}`);
        })
        .finally(() => {
          refetching = undefined;
        });
      return refetching;
    },
  };
}
