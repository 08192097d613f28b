/// <reference lib="dom" />
// The console's server API, as the page calls it: one typed function per
// endpoint under /_console/api. Every POST is JSON; a failure is a
// ConsoleApiError carrying the server's status and `message`.
import type { ConsoleUser, CopyFormat, CopyResult, InvocationList, InvocationRecord } from '../console-types.ts';
import type { BucketListing, DataSources, ResetResult, TableItems } from '../console-data-types.ts';

export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

export type ConsoleApi = ReturnType<typeof createConsoleApi>;

export function createConsoleApi(fetchFn: typeof fetch = fetch.bind(globalThis), base = '/_console/api') {
  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    const init: RequestInit =
      body === undefined
        ? { method, headers: { accept: 'application/json' } }
        : { method, headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const response = await fetchFn(`${base}${path}`, init);
    if (!response.ok) throw new ConsoleApiError(response.status, await failureMessage(response));
    return response;
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await call(method, path, body)).json() as Promise<T>;
  const q = encodeURIComponent;

  return {
    invocations: () => json<InvocationList>('GET', '/invocations'),
    invocation: (id: string) => json<InvocationRecord>('GET', `/invocations/${q(id)}`),
    clearInvocations: async () => {
      await call('DELETE', '/invocations');
    },
    copy: (ids: string[], as: CopyFormat) => json<CopyResult>('POST', '/copy', { ids, as }),
    users: async () => (await json<{ users: ConsoleUser[] }>('GET', '/users')).users,
    token: async (userId: number) => (await json<{ token: string }>('POST', '/token', { userId })).token,
    data: () => json<DataSources>('GET', '/data'),
    /** GET from a module's own console routes. */
    moduleData: <T>(module: string, path: string) => json<T>('GET', `/modules/${q(module)}${path}`),
    table: async (table: string, pk: string, skPrefix: string) =>
      (await json<TableItems>('GET', `/table?table=${q(table)}&pk=${q(pk)}${skPrefix ? `&sk=${q(skPrefix)}` : ''}`)).items,
    bucket: (bucket: string, prefix: string) => json<BucketListing>('GET', `/bucket?bucket=${q(bucket)}&prefix=${q(prefix)}`),
    reset: () => json<ResetResult>('POST', '/reset', { confirm: 'reset' }),
  };
}

/** The address of a stored object's bytes, for an <img> or a link. */
export const objectUrl = (bucket: string, key: string, base = '/_console/api'): string =>
  `${base}/bucket/object?bucket=${encodeURIComponent(bucket)}&key=${encodeURIComponent(key)}`;

async function failureMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: the status says it
  }
  return `${response.status} ${response.statusText || 'error'}${text ? `: ${text.slice(0, 200)}` : ''}`;
}
