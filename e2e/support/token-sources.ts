// Where the suite's tokens come from, tried in this order:
//  - E2E_TOKEN_COMMAND: a shell command that prints a token, run once per
//    identity with E2E_IDENTITY, E2E_USER_ID and E2E_USER_ROLE set;
//  - E2E_TOKEN_URL: an OAuth2 token endpoint (RFC 6749 §4.3 password grant
//    with E2E_<IDENTITY>_USERNAME/PASSWORD, or §4.4 client credentials with
//    E2E_<IDENTITY>_CLIENT_ID/SECRET), with E2E_OAUTH_CLIENT_ID and
//    E2E_OAUTH_CLIENT_SECRET for the password grant's client;
//  - otherwise, against the emulator only, its local issuer.
// Each source is asked once per identity per run (by the global setup); the
// workers get the tokens from it.
import { exec } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { defaultKeyDir, issueLocalToken } from '../../server/auth/local-issuer.ts';
import { envPrefix, type IdentitySpec } from './identities.ts';

const run = promisify(exec);

export const localKeyDir = defaultKeyDir(fileURLToPath(new URL('../../', import.meta.url)));

/** The user id a token source is asked for: the seed's, unless E2E_<IDENTITY>_USER_ID names another. */
export const requestedUserId = (spec: IdentitySpec, env: NodeJS.ProcessEnv): string =>
  env[`${envPrefix(spec.name)}USER_ID`] ?? String(spec.localId);

export type TokenSource = (spec: IdentitySpec) => Promise<string>;

export function tokenSource(env: NodeJS.ProcessEnv, targetIsLocal: boolean): TokenSource {
  const command = env['E2E_TOKEN_COMMAND'];
  if (command) return (spec) => tokenFromCommand(command, spec, env);
  const tokenUrl = env['E2E_TOKEN_URL'];
  if (tokenUrl) return (spec) => tokenFromEndpoint(tokenUrl, spec, env);
  if (targetIsLocal) return async (spec) => issueLocalToken({ keyDir: localKeyDir, sub: String(spec.localId), role: spec.role });
  throw new Error(
    'E2E_BASE_URL names a stage, so the suite needs its tokens: set E2E_TOKEN_COMMAND or E2E_TOKEN_URL (README: "Run the contract suite against staging")',
  );
}

async function tokenFromCommand(command: string, spec: IdentitySpec, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(command, {
      env: { ...env, E2E_IDENTITY: spec.name, E2E_USER_ID: requestedUserId(spec, env), E2E_USER_ROLE: spec.role },
      timeout: 60_000,
    });
    const token = stdout.trim();
    if (token === '') throw new Error('it printed nothing');
    return token;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`E2E_TOKEN_COMMAND for ${spec.name} failed: ${stderr || (error as Error).message}`);
  }
}

async function tokenFromEndpoint(tokenUrl: string, spec: IdentitySpec, env: NodeJS.ProcessEnv): Promise<string> {
  const prefix = envPrefix(spec.name);
  const form = new URLSearchParams();
  const username = env[`${prefix}USERNAME`];
  let clientId = env['E2E_OAUTH_CLIENT_ID'];
  let clientSecret = env['E2E_OAUTH_CLIENT_SECRET'];
  if (username) {
    form.set('grant_type', 'password');
    form.set('username', username);
    form.set('password', env[`${prefix}PASSWORD`] ?? '');
  } else if (env[`${prefix}CLIENT_ID`]) {
    form.set('grant_type', 'client_credentials');
    clientId = env[`${prefix}CLIENT_ID`];
    clientSecret = env[`${prefix}CLIENT_SECRET`];
  } else {
    throw new Error(`E2E_TOKEN_URL is set, but ${prefix}USERNAME (password grant) or ${prefix}CLIENT_ID (client credentials) is not`);
  }
  if (env['E2E_OAUTH_SCOPE']) form.set('scope', env['E2E_OAUTH_SCOPE']);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  // RFC 6749 §2.3.1: a confidential client authenticates with HTTP Basic; a public one names itself in the form.
  if (clientId && clientSecret) {
    headers['authorization'] = `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
  } else if (clientId) {
    form.set('client_id', clientId);
  }
  const response = await fetch(tokenUrl, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`token endpoint for ${spec.name}: ${response.status} ${text.slice(0, 300)}`);
  const field = env['E2E_TOKEN_FIELD'] ?? 'access_token';
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`token endpoint for ${spec.name}: not JSON: ${text.slice(0, 300)}`);
  }
  const token = answer[field];
  if (typeof token !== 'string' || token === '') throw new Error(`token endpoint for ${spec.name}: no "${field}" in its answer`);
  return token;
}

/** RFC 6749 §2.3.1: client id and secret are form-encoded before they go into the Basic header. */
const formEncode = (value: string): string => new URLSearchParams([['', value]]).toString().slice(1);
