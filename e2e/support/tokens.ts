// Bearer tokens for the users the suite acts as. Against the local emulator
// they are minted with its signing key. Against a deployed stage they come
// from E2E_TOKEN_COMMAND, a shell command run with the user's id and role in
// E2E_USER_ID and E2E_USER_ROLE that prints a token for that user (for
// example, a script that signs the test user in to the stage's identity
// provider).
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defaultKeyDir, issueLocalToken } from '../../server/auth/local-issuer.ts';
import type { TestUser } from './test-users.ts';

export const localKeyDir = defaultKeyDir(fileURLToPath(new URL('../../', import.meta.url)));

export const targetIsLocal = !process.env.E2E_BASE_URL;

const minted = new Map<string, string>();

export async function tokenFor(user: TestUser): Promise<string> {
  if (targetIsLocal) return issueLocalToken({ keyDir: localKeyDir, sub: String(user.id), role: user.role });
  const cacheKey = `${user.id}:${user.role}`;
  let token = minted.get(cacheKey);
  if (!token) {
    const command = process.env.E2E_TOKEN_COMMAND;
    if (!command) throw new Error('E2E_BASE_URL is set, so E2E_TOKEN_COMMAND must say how to get a token for a test user');
    token = execSync(command, {
      encoding: 'utf8',
      env: { ...process.env, E2E_USER_ID: String(user.id), E2E_USER_ROLE: user.role },
    }).trim();
    minted.set(cacheKey, token);
  }
  return token;
}
