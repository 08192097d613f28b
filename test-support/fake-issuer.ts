// A stage's identity provider for tests, on 127.0.0.1: its OpenID discovery
// document, its JWKS of its own RS256 keys, and tokens signed by them. It
// counts the JWKS requests (the refetch limit is checked by them) and can
// rotate its key or answer garbage.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { createSigner } from 'fast-jwt';

export interface FakeIssuer {
  /** Its issuer URL (http://127.0.0.1:<port>), the tokens' iss. */
  issuer: string;
  jwksUrl: string;
  /** The kid of the key it signs with now. */
  kid(): string;
  /** A token signed with its current key, for this audience and these claims. */
  sign(audience: string, claims?: Record<string, unknown>): string;
  /** A new current key; the JWKS then lists the old ones too. */
  rotate(): void;
  /** From now on, every answer is this text (not JSON). */
  answerGarbage(text: string): void;
  /** How many times its JWKS was fetched. */
  jwksRequests(): number;
  stop(): Promise<void>;
}

export async function startFakeIssuer(): Promise<FakeIssuer> {
  const keys: Array<{ kid: string; privateKey: KeyObject; publicKey: KeyObject }> = [];
  const rotate = () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys.push({ kid: `stage-key-${keys.length + 1}`, privateKey, publicKey });
  };
  rotate();
  let garbage: string | undefined;
  let jwksRequests = 0;
  const server = createServer((request, response) => {
    const origin = `http://127.0.0.1:${port()}`;
    if (request.url === '/jwks.json') jwksRequests += 1;
    if (garbage !== undefined) return response.writeHead(200, { 'content-type': 'text/html' }).end(garbage);
    const body =
      request.url === '/.well-known/openid-configuration'
        ? { issuer: origin, jwks_uri: `${origin}/jwks.json` }
        : request.url === '/jwks.json'
          ? { keys: keys.map(({ kid, publicKey }) => ({ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' })) }
          : undefined;
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = () => (server.address() as { port: number }).port;
  const issuer = `http://127.0.0.1:${port()}`;
  const current = () => keys[keys.length - 1]!;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks.json`,
    kid: () => current().kid,
    sign: (audience, claims = {}) =>
      createSigner({
        key: current().privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        kid: current().kid,
        algorithm: 'RS256',
      })({
        iss: issuer,
        aud: audience,
        sub: '1',
        exp: Math.floor(Date.now() / 1000) + 600,
        ...claims,
      }),
    rotate,
    answerGarbage: (text) => {
      garbage = text;
    },
    jwksRequests: () => jwksRequests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
