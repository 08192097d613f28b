// Lets the typed contract client (openapi-fetch) send its requests through
// Playwright's `request` fixture, so every call shows up in Playwright's
// reports and honours its baseURL and timeouts.
import type { APIRequestContext } from '@playwright/test';

const NO_BODY_STATUSES = new Set([204, 205, 304]);

export function playwrightFetch(request: APIRequestContext): (input: Request) => Promise<Response> {
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
