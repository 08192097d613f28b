// The typed contract client the specs use: openapi-fetch over Playwright's
// request fixture, with every response checked against openapi.yaml.
import type { APIRequestContext } from '@playwright/test';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from '../../contracts/api.ts';
import { createResponseValidator } from '../../contracts/response-validator.ts';
import { tokenFor } from './tokens.ts';
import type { TestUser } from './test-users.ts';

export type ApiClient = Client<paths>;

const NO_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * The client's fetch, sent through Playwright's `request` fixture, so that every
 * call shows up in Playwright's reports and honours its baseURL and timeouts.
 */
function playwrightFetch(request: APIRequestContext): (input: Request) => Promise<Response> {
  return async (input) => {
    const body = input.body ? Buffer.from(await input.arrayBuffer()) : undefined;
    const reply = await request.fetch(input.url, {
      method: input.method,
      headers: Object.fromEntries(input.headers),
      data: body,
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    const headers = new Headers();
    for (const { name, value } of reply.headersArray()) headers.append(name, value);
    const status = reply.status();
    return new Response(NO_BODY_STATUSES.has(status) ? null : new Uint8Array(await reply.body()), { status, headers });
  };
}

const validator = createResponseValidator();

/** Fails the call when the answer is not one the contract allows for that operation. */
const contractCheck: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    const text = await response.clone().text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: the validator reports the content type
    }
    const verdict = validator.check(request.method, schemaPath, response.status, response.headers.get('content-type'), body);
    if (!verdict.ok) throw new Error(`contract violation:\n${verdict.problems.join('\n')}\nbody: ${text.slice(0, 2000)}`);
    return undefined;
  },
};

export async function clientFor(request: APIRequestContext, user: TestUser, baseUrl: string): Promise<ApiClient> {
  const client = createClient<paths>({
    baseUrl,
    fetch: playwrightFetch(request),
    headers: { authorization: `Bearer ${await tokenFor(user)}` },
  });
  client.use(contractCheck);
  return client;
}
