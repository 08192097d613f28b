// The local issuer's RS256 key pair: created on first use, kept in a key
// directory so tokens survive restarts; two emulators starting together end
// up with the same key (see create-file-once.ts).
import { createHash, createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import path from 'node:path';
import { readOrCreateFile } from './create-file-once.ts';

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
  const text = readOrCreateFile(path.join(keyDir, KEY_FILE), () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return JSON.stringify({ privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
  });
  return keysFrom(text);
}

export function jwksOf(keys: LocalKeys): Jwks {
  return { keys: [keys.publicJwk] };
}

function keysFrom(text: string): LocalKeys {
  const { privateKeyPem } = JSON.parse(text) as { privateKeyPem: string };
  const { kty, n, e } = createPublicKey(privateKeyPem).export({ format: 'jwk' });
  // RFC 7638 thumbprint: a kid that is stable for the key and needs no storage.
  const kid = createHash('sha256').update(JSON.stringify({ e, kty, n })).digest('base64url');
  return { kid, privateKeyPem, publicJwk: { kty, n, e, kid, alg: 'RS256', use: 'sig' } };
}
