// The disk copy of a stage issuer's keys, beside the local keys: what lets the
// emulator start offline, with when and where the keys were fetched. Replaced
// whole (a temporary file renamed into place), so a reader never sees half of it.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Jwks } from './local-keys.ts';
import { parseJwks } from './parse-jwks.ts';

export const STAGE_JWKS_FILE = 'stage-jwks.json';

export interface StageJwksCopy {
  issuer: string;
  /** Where the keys came from (the issuer's jwks_uri, or --jwks-url). */
  jwksUrl: string;
  /** Epoch milliseconds. */
  fetchedAt: number;
  jwks: Jwks;
}

export function stageJwksFile(keyDir: string): string {
  return path.join(keyDir, STAGE_JWKS_FILE);
}

export function writeStageJwksCopy(keyDir: string, copy: StageJwksCopy): void {
  const file = stageJwksFile(keyDir);
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const temporary = path.join(keyDir, `.${STAGE_JWKS_FILE}.${process.pid}.${randomUUID()}`);
  const { issuer, jwksUrl, fetchedAt, jwks } = copy;
  writeFileSync(temporary, `${JSON.stringify({ issuer, jwksUrl, fetchedAt: new Date(fetchedAt).toISOString(), jwks }, null, 2)}\n`, {
    mode: 0o600,
  });
  renameSync(temporary, file);
}

/** The copy of this issuer's keys; undefined when there is none, it is another issuer's, or it cannot be read. */
export function readStageJwksCopy(keyDir: string, issuer: string): StageJwksCopy | undefined {
  try {
    const saved = JSON.parse(readFileSync(stageJwksFile(keyDir), 'utf8')) as Record<string, unknown>;
    const fetchedAt = Date.parse(String(saved['fetchedAt']));
    if (saved['issuer'] !== issuer || typeof saved['jwksUrl'] !== 'string' || Number.isNaN(fetchedAt)) return undefined;
    return { issuer, jwksUrl: saved['jwksUrl'], fetchedAt, jwks: parseJwks(saved['jwks']) };
  } catch {
    return undefined;
  }
}
