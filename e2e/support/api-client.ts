// The typed contract client the specs use: openapi-fetch over Playwright's
// request fixture, with every response checked against openapi.yaml.
import type { APIRequestContext } from '@playwright/test';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from '../../contracts/api.ts';
import { createResponseValidator } from '../../contracts/response-validator.ts';
import { playwrightFetch } from './playwright-fetch.ts';
import { tokenFor } from './tokens.ts';
import type { TestUser } from './test-users.ts';

export type ApiClient = Client<paths>;

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
