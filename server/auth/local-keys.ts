// The local issuer's RS256 key pair: created on first use, kept in a key
// directory so tokens survive restarts. Written to a temporary file and then
// hard-linked into place, which fails if another process won the race — so
// two emulators starting together end up with the same key.
import { createHash, createPublicKey, generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PublicJwk extends JsonWebKey {
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

export interface LocalKeys {
  kid: string;
  privateKeyPem: string;
  publicJwk: PublicJwk;
}

export interface Jwks {
  keys: PublicJwk[];
}

const KEY_FILE = 'local-issuer-rs256.json';

export function loadOrCreateKeys(keyDir: string): LocalKeys {
  const file = path.join(keyDir, KEY_FILE);
  const existing = readKeys(file);
  if (existing) return existing;

  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const temporary = path.join(keyDir, `.${KEY_FILE}.${process.pid}.${randomUUID()}`);
  writeFileSync(temporary, JSON.stringify({ privateKeyPem }), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const keys = readKeys(file);
  if (!keys) throw new Error(`Could not read the local issuer key at ${file}`);
  return keys;
}

export function jwksOf(keys: LocalKeys): Jwks {
  return { keys: [keys.publicJwk] };
}

function readKeys(file: string): LocalKeys | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const { privateKeyPem } = JSON.parse(text) as { privateKeyPem: string };
  const { kty, n, e } = createPublicKey(privateKeyPem).export({ format: 'jwk' });
  // RFC 7638 thumbprint: a kid that is stable for the key and needs no storage.
  const kid = createHash('sha256').update(JSON.stringify({ e, kty, n })).digest('base64url');
  return { kid, privateKeyPem, publicJwk: { kty, n, e, kid, alg: 'RS256', use: 'sig' } };
}
