// The seed's smoke tests, for a stage just deployed (or the local emulator,
// which is a stage like any other). Read-only by default: every route of the
// contract is called once in a way its function refuses before doing
// anything (path id 0, which no dispute has, and an empty body), and must
// answer a status its operation declares with a body the contract allows; a
// request with no token must get API Gateway's 401; the list and one dispute
// are read. With `write`, a short create → message → close flow on the given
// project, which closes what it opened even when a step fails.
import { fileURLToPath } from 'node:url';
import { createResponseValidator } from '../contracts/response-validator.ts';
import { contractFunctions } from '../build/contract-functions.ts';

export interface SmokeOptions {
  baseUrl: string;
  /** A bearer token of a user of the stage (a client or master for `write`). */
  token: string;
  /** Also run the create → message → close flow, on this project. */
  write?: { project: number };
}

export interface SmokeResult {
  check: string;
  ok: boolean;
  detail: string;
}

const CONTRACT_URL = new URL('../openapi.yaml', import.meta.url);

/** The contract's routes, method and path template, as the smoke test calls them. */
export function contractRoutes(): Array<{ method: string; path: string }> {
  return contractFunctions(fileURLToPath(new URL('../', import.meta.url))).flatMap((fn) => {
    if (!('route' in fn)) return [];
    const [method = '', path = ''] = fn.route.split(' ');
    return [{ method, path }];
  });
}

export async function runSmoke(options: SmokeOptions): Promise<SmokeResult[]> {
  const validator = createResponseValidator(CONTRACT_URL);
  const base = options.baseUrl.replace(/\/+$/, '');
  const results: SmokeResult[] = [];

  /** Calls a route and checks the answer against the contract (and an expected status, when given). */
  async function call(
    method: string,
    template: string,
    concrete: string,
    init: { body?: unknown; token?: string | null; expect?: (status: number) => boolean; label?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    const token = init.token === undefined ? options.token : init.token;
    const check = `${init.label ?? ''}${method} ${concrete}`;
    let status = 0;
    let body: unknown;
    try {
      const response = await fetch(`${base}${concrete}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(30_000),
      });
      status = response.status;
      const text = await response.text();
      body = text === '' ? undefined : JSON.parse(text);
      const verdict = validator.check(method, template, status, response.headers.get('content-type'), body);
      const expected = init.expect?.(status) ?? true;
      const problems = [...verdict.problems, ...(expected ? [] : [`unexpected status ${status}`])];
      results.push({ check, ok: problems.length === 0, detail: problems.length === 0 ? String(status) : problems.join('; ') });
    } catch (error) {
      results.push({ check, ok: false, detail: error instanceof Error ? error.message : String(error) });
    }
    return { status, body };
  }

  const refused = (status: number) => status >= 400 && status < 500;
  await call('GET', '/disputes', '/disputes', { token: null, expect: (status) => status === 401, label: 'no token: ' });
  const list = await call('GET', '/disputes', '/disputes?limit=5', { expect: (status) => status === 200 });
  const first = (list.body as { results?: Array<{ id: number }> } | undefined)?.results?.[0];
  if (first) await call('GET', '/disputes/{id}', `/disputes/${first.id}`, { expect: (status) => status === 200 });

  for (const { method, path } of contractRoutes()) {
    if (method === 'GET' && path === '/disputes') continue; // read above
    const concrete = path.replaceAll('{id}', '0');
    await call(method, path, concrete, { ...(method === 'GET' ? {} : { body: {} }), expect: refused, label: 'refused: ' });
  }

  if (options.write) {
    const created = await call('POST', '/disputes', '/disputes', {
      body: { project: options.write.project, reason: 'quality', description: 'Smoke test: opened and withdrawn at once' },
      expect: (status) => status === 201,
      label: 'write: ',
    });
    const id = (created.body as { id?: number } | undefined)?.id;
    if (created.status === 201 && id !== undefined) {
      try {
        await call('POST', '/disputes/{id}/messages', `/disputes/${id}/messages`, {
          body: { message: 'Smoke test message' },
          expect: (status) => status === 201,
          label: 'write: ',
        });
      } finally {
        await call('POST', '/disputes/{id}/close', `/disputes/${id}/close`, {
          body: { reason: 'Smoke test' },
          expect: (status) => status === 200,
          label: 'write: ',
        });
      }
    }
  }
  return results;
}
