// A random secret kept in a file, created once (atomically, like the issuer
// key), so that what it signs — cursors — stays valid across restarts.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readOrCreateFile } from './create-file-once.ts';

export function loadOrCreateSecret(dir: string, name: string): string {
  return readOrCreateFile(path.join(dir, name), () => randomBytes(32).toString('base64url')).trim();
}
