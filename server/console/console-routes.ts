// The dev console at /_console: the page, its script (bundled from TypeScript
// on first request), and its API: recent invocations, a live stream of new
// ones (server-sent events), copy-as, seed users' tokens and the data routes.
// For a person at this machine only, unless opened to the LAN explicitly;
// never part of the API (a deployed stage has none of it).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { CONSOLE_PREFIX } from '../app.ts';
import type { ConsoleUser, CopyRequest, CopyResult, InvocationList, InvocationSummary } from './console-types.ts';
import { asCurl, asPlaywrightTest, type SuiteStyle } from './copy-as.ts';
import { consoleErrorHandler } from './console-data.ts';
import type { InvocationRing } from './invocation-ring.ts';
import { jsonFrom } from './console-requests.ts';
import { fromPageOfThisOrigin, fromThisMachine, hostName } from './local-browser.ts';

export interface ConsoleOptions {
  ring: InvocationRing;
  users: readonly ConsoleUser[];
  /** A token for a seed user; absent when the emulator takes a stage's tokens. */
  mintToken?: (userId: number) => string;
  /** Serve other machines too (--console-on-lan); this machine only otherwise. */
  openToLan: boolean;
  /**
   * With openToLan, the host names a browser elsewhere may address the console by (this machine's
   * addresses): any other Host is a name pointed at this machine by someone else (DNS rebinding), refused.
   */
  lanHosts?: readonly string[];
  /** The data browser's routes (tables, buckets, reset), mounted under /_console/api. */
  dataRoutes?: FastifyPluginAsync;
  /** The modules' own views: routes under /_console/api/modules/<module>/, and the page script bundled in. */
  moduleViews?: readonly ConsoleModuleView[];
  /** How "Copy as Playwright test" writes the routes of the module that describes its suite. */
  suiteStyle?: SuiteStyle;
}

export interface ConsoleModuleView {
  module: string;
  routes: FastifyPluginAsync;
  /** Absolute path of a browser module exporting `mount` (page/module-view.ts). */
  pageScript: string;
}

const PAGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page');
// Comments keep a proxy's or browser's idle timeout from closing a quiet stream.
const KEEP_ALIVE_MS = 15_000;
// Chromium spends about 2 ms of CPU on every server-sent event it receives (a page that only counted
// them cost it 2.0 ms per request at 400 requests a second): under load the requests go out in batches,
// ten a second at most (npm run bench:console measures the page).
const STREAM_BATCH_MS = 100;

const notFound = (reply: FastifyReply) => reply.code(404).send({ message: 'Not Found' });

export function registerConsole(app: FastifyInstance, options: ConsoleOptions): void {
  const { ring } = options;
  const streams = new Set<FastifyReply>();
  // Open streams would hold the server open: they end when it closes.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.raw.end();
    streams.clear();
  });

  app.register(
    async (scope) => {
      const lanHosts = new Set((options.lanHosts ?? []).map((host) => host.toLowerCase()));
      scope.addHook('onRequest', async (request, reply) => {
        const admitted = fromThisMachine(request) || (options.openToLan && lanHosts.has(hostName(request)));
        if (!admitted) return notFound(reply);
        // What changes something is done from the console's own page, never from another site's.
        if (request.method !== 'GET' && !fromPageOfThisOrigin(request)) {
          return reply.code(403).send({ message: "the console's actions are taken from its page" });
        }
      });

      // No other site may frame the console (a click there would be a click here) or embed what it serves.
      scope.addHook('onSend', async (_request, reply) => {
        reply.header('x-frame-options', 'DENY');
        reply.header('cross-origin-resource-policy', 'same-origin');
        if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', "frame-ancestors 'none'");
      });

      scope.get('/', async (_request, reply) =>
        reply.type('text/html; charset=utf-8').send(readFileSync(path.join(PAGE_DIR, 'console.html'))),
      );
      let script: Promise<string> | undefined;
      scope.get('/app.js', async (_request, reply) => {
        if (!script) {
          script = bundlePageScript(options.moduleViews ?? []);
          // A failed build is tried again on the next request, not remembered.
          script.catch(() => {
            script = undefined;
          });
        }
        return reply.type('text/javascript; charset=utf-8').send(await script);
      });

      scope.get('/api/invocations', async (): Promise<InvocationList> => ({ invocations: ring.summaries(), capacity: ring.capacity }));
      scope.get('/api/invocations/:id', async (request, reply) => {
        const record = ring.get((request.params as { id: string }).id);
        return record ?? notFound(reply);
      });
      scope.delete('/api/invocations', async (_request, reply) => {
        ring.clear();
        return reply.code(204).send();
      });
      scope.get('/api/stream', (request, reply) => {
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        raw.write(": the emulator's invocations, one event each\n\n");
        streams.add(reply);
        let batch: InvocationSummary[] = [];
        let sendTimer: NodeJS.Timeout | undefined;
        const send = () => {
          sendTimer = undefined;
          raw.write(`event: invocations\ndata: ${JSON.stringify(batch)}\n\n`);
          batch = [];
        };
        const unsubscribe = ring.subscribe({
          added(summary) {
            batch.push(summary);
            sendTimer ??= setTimeout(send, STREAM_BATCH_MS);
          },
          // What was waiting to be sent is gone too, and the page is told in order, after what it already has.
          cleared() {
            clearTimeout(sendTimer);
            sendTimer = undefined;
            batch = [];
            raw.write('event: cleared\ndata: {}\n\n');
          },
        });
        const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
        request.raw.once('close', () => {
          clearInterval(keepAlive);
          clearTimeout(sendTimer);
          unsubscribe();
          streams.delete(reply);
        });
      });
      scope.post('/api/copy', async (request, reply): Promise<CopyResult | FastifyReply> => {
        const asked = jsonFrom(request.body) as Partial<CopyRequest> | undefined;
        if (
          !asked ||
          !Array.isArray(asked.ids) ||
          !asked.ids.every((id) => typeof id === 'string') ||
          !['curl', 'playwright'].includes(String(asked.as))
        ) {
          return reply.code(400).send({ message: 'send {"ids": [request ids, oldest first], "as": "curl" | "playwright"}' });
        }
        const records = ring.pick(asked.ids);
        if (records.length === 0) return reply.code(404).send({ message: 'none of these requests is kept any more' });
        const origin = `${request.protocol}://${request.headers.host ?? request.hostname}`;
        return {
          text: asked.as === 'curl' ? asCurl(records, origin) : asPlaywrightTest(records, options.suiteStyle),
          count: records.length,
        };
      });

      scope.get('/api/users', async () => ({ users: options.users }));
      scope.post('/api/token', async (request, reply) => {
        const userId = (jsonFrom(request.body) as { userId?: unknown } | undefined)?.userId;
        if (!options.mintToken) return reply.code(404).send({ message: "this emulator takes a stage's tokens; it cannot make them" });
        if (!options.users.some((user) => user.id === userId)) return reply.code(404).send({ message: 'no such seed user' });
        return { token: options.mintToken(userId as number) };
      });

      if (options.dataRoutes) await scope.register(options.dataRoutes, { prefix: '/api' });
      for (const view of options.moduleViews ?? []) {
        await scope.register(
          async (moduleScope) => {
            moduleScope.setErrorHandler(consoleErrorHandler);
            await moduleScope.register(view.routes);
          },
          { prefix: `/api/modules/${encodeURIComponent(view.module)}` },
        );
      }
    },
    { prefix: CONSOLE_PREFIX },
  );
}

/**
 * The page's TypeScript as one browser module, the modules' views in it: esbuild, as the functions are
 * built, in memory, from an entry that starts the console with each module's `mount`.
 */
async function bundlePageScript(views: readonly ConsoleModuleView[]): Promise<string> {
  const entry = [
    `import { startConsole } from ${JSON.stringify(path.join(PAGE_DIR, 'console-app.ts'))};`,
    ...views.map((view, index) => `import { mount as view${index} } from ${JSON.stringify(view.pageScript)};`),
    `startConsole({ ${views.map((view, index) => `${JSON.stringify(view.module)}: view${index}`).join(', ')} });`,
  ].join('\n');
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: PAGE_DIR, sourcefile: 'console-entry.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
