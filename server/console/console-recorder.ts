// The dev console's recording, as a Fastify plugin: hooks read what the
// gateway answered (request.apigwAnswer) once the response is on its way, and
// an observer the runtime offers collects each invocation's cold start and log
// lines by the trace header it was invoked with. Nothing on the gateway's path
// knows it is watched; the console never holds up the API.
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import type { AnsweredRequest } from '../api-gateway/gateway-answer.ts';
import type { FunctionRuntime } from '../lambda/function-runtime.ts';
import { CONSOLE_PREFIX, headerPairs } from '../app.ts';

export interface ConsoleRecorderOptions {
  runtime: Pick<FunctionRuntime, 'observe'>;
  /** Each request the gateway answered (the console's own aside), after its response is on its way. */
  record(answered: AnsweredRequest): void;
}

/** Invocations heard but not yet claimed by a response, at most: a bound, should a request never answer. */
const MAX_PENDING = 10_000;

interface Heard {
  coldStart?: boolean;
  logs: string[];
}

export function consoleRecorder(options: ConsoleRecorderOptions): FastifyPluginCallback {
  const plugin: FastifyPluginCallback = (app, _opts, done) => {
    const heard = new Map<string, Heard>();
    const heardOf = (traceId: string): Heard => {
      let entry = heard.get(traceId);
      if (!entry) {
        if (heard.size >= MAX_PENDING) heard.delete(heard.keys().next().value!);
        entry = { logs: [] };
        heard.set(traceId, entry);
      }
      return entry;
    };
    const stopObserving = options.runtime.observe({
      // Invocations without a request's trace header (S3 notifications) are the async invoker's to record.
      started: ({ traceId, coldStart }) => {
        if (traceId) heardOf(traceId).coldStart = coldStart;
      },
      log: ({ traceId, line }) => {
        if (traceId) heardOf(traceId).logs.push(line);
      },
    });
    app.addHook('onClose', async () => stopObserving());

    const recorded = (request: FastifyRequest) => !request.url.startsWith(CONSOLE_PREFIX);
    app.addHook('onResponse', async (request, reply) => {
      const answer = request.apigwAnswer;
      const traceId = request.apigwTraceId;
      if (!answer || !recorded(request)) {
        heard.delete(traceId);
        return;
      }
      const { routeKey, response, ...inside } = answer;
      const raw = request.raw;
      const durationMs = reply.elapsedTime;
      // A turn later, with the lines the function's last moments (END, REPORT) may still be adding.
      setImmediate(() => {
        const invocation = heard.get(traceId);
        heard.delete(traceId);
        options.record({
          requestId: request.apigwRequestId,
          receivedAt: request.apigwReceivedAt,
          durationMs,
          method: raw.method ?? request.method,
          url: raw.url ?? request.url,
          headers: headerPairs(raw.rawHeaders),
          ...(Buffer.isBuffer(request.body) ? { body: request.body } : {}),
          routeKey,
          response,
          trace: {
            ...inside,
            ...(invocation?.coldStart === undefined ? {} : { coldStart: invocation.coldStart }),
            logs: invocation?.logs ?? [],
          },
        });
      });
    });
    // A request the client gave up on leaves nothing behind.
    app.addHook('onRequestAbort', async (request) => {
      heard.delete(request.apigwTraceId);
    });
    done();
  };
  // Its hooks apply to the whole app, not to a scope of their own (what fastify-plugin does).
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
