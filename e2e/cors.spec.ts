// Expo web runs the app in a browser (its dev server on http://localhost:8081),
// so the API answers CORS as the HTTP API's CORS configuration
// (infra/api-cors.json, which Terraform deploys too) makes API Gateway answer:
// the gateway itself answers the preflight, with no token, before any route's
// authorizer or function (AWS doc "Configuring CORS for an HTTP API").
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.ts';
import { clientA } from './support/test-users.ts';
import { tokenFor } from './support/tokens.ts';

const cors = JSON.parse(readFileSync(new URL('../infra/api-cors.json', import.meta.url), 'utf8')) as {
  allowOrigins: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
};
const EXPO_WEB = 'http://localhost:8081';

test('a preflight from an Expo web origin is answered by the gateway, without a token', async ({ request }) => {
  const response = await request.fetch('/disputes', {
    method: 'OPTIONS',
    headers: {
      origin: EXPO_WEB,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,idempotency-key',
    },
  });
  expect(response.status()).toBe(204);
  const headers = response.headers();
  expect(headers['access-control-allow-origin']).toBe(cors.allowOrigins.includes('*') ? '*' : EXPO_WEB);
  expect(headers['access-control-allow-methods']?.toUpperCase()).toContain('POST');
  for (const name of ['authorization', 'content-type', 'idempotency-key'])
    expect(headers['access-control-allow-headers']?.toLowerCase()).toContain(name);
});

test('an answer to a request from that origin names it allowed and exposes the configured headers', async ({ request }) => {
  const response = await request.get('/disputes', { headers: { origin: EXPO_WEB, authorization: `Bearer ${await tokenFor(clientA)}` } });
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers['access-control-allow-origin']).toBe(cors.allowOrigins.includes('*') ? '*' : EXPO_WEB);
  for (const name of cors.exposeHeaders) expect(headers['access-control-expose-headers']?.toLowerCase()).toContain(name);
});
