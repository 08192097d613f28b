// "Copy as" for recorded requests: a curl command that sends the request again
// as it came (token included), or a Playwright test skeleton: in the style of
// a module's contract suite where the module describes one (its typed client,
// whose every response is checked against its contract), else plain
// Playwright requests. Pure: records in, text out.
import { ASYNC_METHOD, type InvocationRecord } from './console-types.ts';

// Headers curl sets itself, or that belong to one connection or one browser.
const LEFT_OUT =
  /^(host|content-length|connection|keep-alive|transfer-encoding|accept-encoding|user-agent|sec-fetch-.*|sec-ch-.*|upgrade-insecure-requests|priority)$/i;

const shellQuote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** One curl command per request, oldest first, against `origin` (the emulator the console runs in). */
export function asCurl(records: readonly InvocationRecord[], origin: string): string {
  return records.map((record) => curlCommand(record, origin)).join('\n\n');
}

function curlCommand(record: InvocationRecord, origin: string): string {
  if (record.method === ASYNC_METHOD)
    return `# ${record.path}: an asynchronous invocation by S3, not an HTTP request: upload the object again to repeat it`;
  const { request } = record;
  const parts = [`curl -sS -X ${record.method} ${shellQuote(origin + record.path)}`];
  for (const [name, value] of request.headers) if (!LEFT_OUT.test(name)) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  let pipe = '';
  if (request.body !== null) {
    if (request.bodyEncoding === 'utf8') parts.push(`--data-binary ${shellQuote(request.body)}`);
    else {
      // Bytes (a multipart upload, say) go through base64, so the command stays one paste.
      pipe = `printf '%s' ${shellQuote(request.body)} | base64 -d | `;
      parts.push('--data-binary @-');
    }
  }
  const note = request.bodyTruncated ? '# The console kept only the start of this body; the command sends that much.\n' : '';
  return `${note}${pipe}${parts.join(' \\\n  ')}`;
}

/** How a module's contract suite writes a test (its plugin's `console.suiteStyle`), and which routes are its. */
export interface SuiteStyle {
  /** What the test imports `expect` and `test` from; its `test` has an `as(identity)` fixture giving a typed client. */
  fixturesImport: string;
  /** What the test imports the identities from. */
  identitiesImport: string;
  /** The suite's identity that plays each role. */
  identityForRole: Readonly<Record<string, string>>;
  /** A line for the reader: what to replace recorded ids with. */
  note: string;
  /** The routes (route keys) the typed client knows. */
  routeKeys: ReadonlySet<string>;
}

/** A Playwright test that makes the same requests (through the suite's typed client where a style says how) and checks each status. */
export function asPlaywrightTest(records: readonly InvocationRecord[], style?: SuiteStyle): string {
  const identities = new Set<string>();
  const clients = new Map<string, string>();
  const body: string[] = [];
  // A created resource's id, by value, for the later requests that use it.
  const createdIds = new Map<string, string>();
  records.forEach((record, index) => {
    const name = `step${index + 1}`;
    if (record.method === ASYNC_METHOD) {
      body.push(
        `  // ${record.path} → ${record.functionName}: an asynchronous invocation, not a request (e2e/evidence.spec.ts uploads to trigger one)`,
      );
      return;
    }
    const expectStatus = `  expect(${name}.response.status).toBe(${record.status});`;
    const role = record.caller?.role ?? undefined;
    const identity = role && style ? style.identityForRole[role] : undefined;
    const typed =
      record.routeKey !== null && style?.routeKeys.has(record.routeKey) === true && identity !== undefined && jsonOrNoBody(record);
    body.push(
      `  // ${record.method} ${record.path} → ${record.status}${record.caller ? `, as user ${record.caller.userId} (${record.caller.role ?? 'no role'})` : ''}`,
    );
    if (typed && identity) {
      identities.add(identity);
      let client = clients.get(identity);
      if (!client) {
        client = `as${identity[0]!.toUpperCase()}${identity.slice(1)}`;
        clients.set(identity, client);
        body.push(`  const ${client} = await as(${identity});`);
      }
      const templatePath = record.routeKey!.slice(record.routeKey!.indexOf(' ') + 1);
      body.push(`  const ${name} = await ${client}.${record.method}('${templatePath}'${typedOptions(record, createdIds)});`);
      body.push(expectStatus);
    } else {
      // No typed route or no usable identity (an unmatched path, another module's route, no token, bytes): the raw request fixture.
      const headers = record.request.headers.filter(([header]) => /^(content-type|authorization)$/i.test(header));
      const data =
        record.request.body !== null && record.request.bodyEncoding === 'utf8' ? `, data: ${JSON.stringify(record.request.body)}` : '';
      body.push(
        `  const ${name} = { response: await request.fetch(${JSON.stringify(record.path)}, { method: '${record.method}', headers: ${JSON.stringify(Object.fromEntries(headers))}${data} }) };`,
        `  expect(${name}.response.status()).toBe(${record.status});`,
      );
    }
    const id = createdId(record);
    if (id !== undefined && typed) createdIds.set(id, `${name}.data!.id`);
  });
  const fixtures = [...(identities.size > 0 ? ['as'] : []), ...(body.some((line) => line.includes('request.fetch(')) ? ['request'] : [])];
  const title = records.map((record) => `${record.routeKey ?? `${record.method} ${record.path}`} → ${record.status}`).join(', ');
  return [
    `import { expect, test } from ${JSON.stringify(style?.fixturesImport ?? '@playwright/test').replaceAll('"', "'")};`,
    ...(identities.size > 0 && style ? [`import { ${[...identities].sort().join(', ')} } from '${style.identitiesImport}';`] : []),
    '',
    "// Recorded in the emulator's console: ids below are the recorded ones unless a step created them.",
    ...(style ? [`// ${style.note}`] : []),
    `test(${JSON.stringify(`recorded: ${title}`)}, async ({ ${fixtures.join(', ')} }) => {`,
    ...body,
    '});',
    '',
  ].join('\n');
}

function jsonOrNoBody(record: InvocationRecord): boolean {
  if (record.request.body === null) return true;
  const type = record.request.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (!/^application\/json\b/i.test(type) || record.request.bodyEncoding !== 'utf8') return false;
  try {
    JSON.parse(record.request.body);
    return true;
  } catch {
    return false;
  }
}

/** `, { params: { path, query }, body }` for openapi-fetch, from the event the function received. */
function typedOptions(record: InvocationRecord, createdIds: ReadonlyMap<string, string>): string {
  const event = (record.event ?? {}) as { pathParameters?: Record<string, string>; queryStringParameters?: Record<string, string> };
  const literal = (value: string): string => createdIds.get(value) ?? (/^[1-9]\d{0,15}$/.test(value) ? value : JSON.stringify(value));
  const object = (values: Record<string, string>): string =>
    `{ ${Object.entries(values)
      .map(([key, value]) => `${/^[A-Za-z_]\w*$/.test(key) ? key : JSON.stringify(key)}: ${literal(value)}`)
      .join(', ')} }`;
  const params: string[] = [];
  if (event.pathParameters && Object.keys(event.pathParameters).length > 0) params.push(`path: ${object(event.pathParameters)}`);
  if (event.queryStringParameters && Object.keys(event.queryStringParameters).length > 0)
    params.push(`query: ${object(event.queryStringParameters)}`);
  const options: string[] = [];
  if (params.length > 0) options.push(`params: { ${params.join(', ')} }`);
  if (record.request.body !== null) options.push(`body: ${JSON.stringify(JSON.parse(record.request.body))}`);
  return options.length > 0 ? `, { ${options.join(', ')} }` : '';
}

/** The `id` of a resource the request created (a 201 with a JSON body that has one). */
function createdId(record: InvocationRecord): string | undefined {
  if (record.status !== 201 || record.response.bodyEncoding !== 'utf8') return undefined;
  try {
    const id = (JSON.parse(record.response.body) as { id?: unknown }).id;
    return typeof id === 'number' || typeof id === 'string' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
