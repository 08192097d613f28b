// The emulator's API docs: Swagger UI of each served contract at /docs (one
// entry per module, `/docs?module=<name>`), the first contract itself at
// /openapi.yaml (each at /docs/<name>/openapi.yaml), and a picker that fills
// in a seed user's token.
// Emulator only: none of it is an API route, and a deployed stage has none of it.
// Swagger UI's files come from the swagger-ui-dist package, served as they are.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parse } from 'yaml';
import { fromPageOfThisOrigin, fromThisMachine } from './console/local-browser.ts';

export interface DocsContract {
  /** The module's name, in the page's address. */
  name: string;
  title: string;
  file: string;
}

export interface DocsPageOptions {
  /** Every served module's contract; the first is the one /docs opens with. */
  contracts: readonly DocsContract[];
  /** The seed users offered in the picker. */
  users: readonly { id: number; name: string; role: string }[];
  /** A token for a user, or undefined when this emulator takes a stage's tokens (it cannot mint those). */
  mintToken?: (userId: number) => string;
}

const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js'] as const;
const assetDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Minting a token is for a person at this machine, in the docs page (see console/local-browser.ts). */
const mayMint = (request: FastifyRequest): boolean => fromThisMachine(request) && fromPageOfThisOrigin(request);

/** The contract a request names (`?module=`), the first without one; undefined for a name none has. */
function contractAsked(options: DocsPageOptions, request: FastifyRequest): DocsContract | undefined {
  const name = (request.query as { module?: unknown }).module;
  return typeof name === 'string' && name !== '' ? options.contracts.find((contract) => contract.name === name) : options.contracts[0];
}

const DOCS_PREFIX = '/docs';
/** The first contract's own address, as a deployed stage's docs would link it. */
const CONTRACT_PATH = '/openapi.yaml';

/** A path of the docs page's (the page, its files, the contracts): never an API route, never forwarded to a stage. */
export const isDocsPath = (path: string): boolean => path === DOCS_PREFIX || path.startsWith(`${DOCS_PREFIX}/`) || path === CONTRACT_PATH;

export function registerDocsPage(app: FastifyInstance, options: DocsPageOptions): void {
  // The name Swagger UI files the token under: each contract's bearer scheme.
  const bearerOf = (file: string): string => {
    const schemes = (parse(readFileSync(file, 'utf8')) as { components?: { securitySchemes?: Record<string, { scheme?: string }> } })
      .components?.securitySchemes;
    return Object.entries(schemes ?? {}).find(([, scheme]) => scheme.scheme === 'bearer')?.[0] ?? 'bearer';
  };
  const sendYaml = (file: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.type('application/yaml; charset=utf-8').send(readFileSync(file, 'utf8'));
  if (options.contracts[0]) app.get(CONTRACT_PATH, sendYaml(options.contracts[0].file));
  for (const contract of options.contracts)
    app.get(`${DOCS_PREFIX}/${encodeURIComponent(contract.name)}/openapi.yaml`, sendYaml(contract.file));

  // The contract with this emulator as its first server, so that "Try it out" calls it on whatever port it runs.
  app.get(`${DOCS_PREFIX}/openapi.json`, async (request, reply) => {
    const asked = contractAsked(options, request);
    if (!asked) return reply.code(404).send({ message: 'Not Found' });
    const contract = parse(readFileSync(asked.file, 'utf8')) as {
      servers?: unknown[];
      components?: { parameters?: Record<string, { required?: boolean; example?: unknown }> };
    };
    // "Try it out" fills each parameter with its example: an optional one starts empty here instead,
    // or the list would be asked for with the example's status and a cursor this emulator never issued.
    for (const parameter of Object.values(contract.components?.parameters ?? {})) {
      if (parameter.required !== true) delete parameter.example;
    }
    const origin = `${request.protocol}://${request.headers.host ?? request.hostname}`;
    return { ...contract, servers: [{ url: origin, description: 'this emulator' }, ...(contract.servers ?? [])] };
  });

  for (const asset of ASSETS) {
    const body = readFileSync(path.join(assetDir, asset));
    app.get(`${DOCS_PREFIX}/${asset}`, async (_request, reply) =>
      reply.type(asset.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8').send(body),
    );
  }

  app.get(`${DOCS_PREFIX}/token`, async (request, reply) => {
    const userId = Number((request.query as { user?: string }).user);
    const known = options.users.some((user) => user.id === userId);
    if (!options.mintToken || !known || !mayMint(request)) return reply.code(404).send({ message: 'Not Found' });
    return { token: options.mintToken(userId) };
  });

  // /docs?user=<id> (the console's "Open the API docs as this user"): that seed user picked when the page opens.
  app.get(DOCS_PREFIX, async (request, reply) => {
    const picked = Number((request.query as { user?: string }).user);
    const contract = contractAsked(options, request);
    if (!contract) return reply.code(404).send({ message: 'Not Found' });
    // It fills in tokens: no other site may frame it and have a click land here.
    return reply
      .headers({ 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'" })
      .type('text/html; charset=utf-8')
      .send(docsHtml(options, contract, bearerOf(contract.file), picked));
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function docsHtml(options: DocsPageOptions, shown: DocsContract, bearer: string, picked: number): string {
  const entries =
    options.contracts.length > 1
      ? ` · ${options.contracts
          .map((contract) =>
            contract === shown
              ? `<strong>${escapeHtml(contract.title)}</strong>`
              : `<a href="/docs?module=${encodeURIComponent(contract.name)}">${escapeHtml(contract.title)}</a>`,
          )
          .join(' | ')}`
      : '';
  const choices = options.users
    .map(
      (user) =>
        `<option value="${user.id}"${user.id === picked ? ' selected' : ''}>${user.id} ${escapeHtml(user.role)} – ${escapeHtml(user.name)}</option>`,
    )
    .join('');
  const picker = options.mintToken
    ? `<label>Act as <select id="user"><option value="">choose a seed user…</option>${choices}</select></label> <span id="who"></span>`
    : '<span>This emulator takes a stage\'s tokens: use "Authorize" with one of them.</span>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(shown.title)} – emulator docs</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" href="data:,">
<style>body{margin:0} #bar{font:14px sans-serif;padding:8px 16px;background:#f4f4f4;border-bottom:1px solid #ddd}</style>
</head>
<body>
<div id="bar">${picker}${entries}</div>
<div id="ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>
// validatorUrl null: Swagger UI would otherwise fetch a badge from validator.swagger.io.
// A user picked when the page opens (/docs?user=<id>) gets their token once the contract is loaded.
const select = document.getElementById('user');
const ui = SwaggerUIBundle({
  url: ${JSON.stringify(`/docs/openapi.json?module=${encodeURIComponent(shown.name)}`)}, dom_id: '#ui', persistAuthorization: true, tryItOutEnabled: true, validatorUrl: null,
  onComplete: () => { if (select && select.value) actAs(select.value); },
});
async function actAs(userId) {
  const answer = await fetch('/docs/token?user=' + encodeURIComponent(userId));
  const who = document.getElementById('who');
  if (!answer.ok) {
    who.textContent = 'no token: only a browser on this machine, at http://127.0.0.1, gets one (npm run -s token -- --user ' + userId + ')';
    return;
  }
  const { token } = await answer.json();
  ui.preauthorizeApiKey(${JSON.stringify(bearer)}, token);
  who.textContent = 'token set for user ' + userId;
}
if (select) select.addEventListener('change', () => { if (select.value) actAs(select.value); });
</script>
</body>
</html>
`;
}
