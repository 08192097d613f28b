// Bearer tokens for the users the suite acts as. Against the local emulator
// they are minted with its signing key; against a deployed stage they come
// from E2E_TOKENS, a JSON object of user id to token.
import { fileURLToPath } from 'node:url';
import { defaultKeyDir, issueLocalToken } from '../../server/auth/local-issuer.ts';
import type { TestUser } from './test-users.ts';

export const localKeyDir = defaultKeyDir(fileURLToPath(new URL('../../', import.meta.url)));

const remoteTokens: Record<string, string> | undefined = process.env.E2E_BASE_URL
  ? (JSON.parse(process.env.E2E_TOKENS ?? '{}') as Record<string, string>)
  : undefined;

export async function tokenFor(user: TestUser): Promise<string> {
  if (!remoteTokens) return issueLocalToken({ keyDir: localKeyDir, sub: String(user.id), role: user.role });
  const token = remoteTokens[String(user.id)];
  if (!token) throw new Error(`E2E_TOKENS has no token for user ${user.id}`);
  return token;
}

export const targetIsLocal = !remoteTokens;
