// The dev console's recording, as a Fastify plugin: onRequest starts listening
// for the request's invocation, an observer the runtime offers collects its
// cold start and log lines by the trace header it was invoked with, and
// onResponse records what the gateway answered (request.apigwAnswer) once the
// response is on its way. Nothing on the gateway's path knows it is watched;
// the console never holds up the API.
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import type { AnsweredRequest } from '../api-gateway/gateway-answer.ts';
import type { FunctionRuntime } from '../lambda/function-runtime.ts';
import { CONSOLE_PREFIX, headerPairs } from '../app.ts';

export interface ConsoleRecorderOptions {
  runtime: Pick<FunctionRuntime, 'observe'>;
  /** Each request the gateway answered (the console's own aside), after its response is on its way. */
  record(answered: AnsweredRequest): void;
}

/** Log lines collected per request at most (the record keeps fewer, the first ones and the last). */
const MAX_LINES = 5_000;

interface Heard {
  coldStart?: boolean;
  logs: string[];
}

export function consoleRecorder(options: ConsoleRecorderOptions): FastifyPluginCallback {
  const plugin: FastifyPluginCallback = (app, _opts, done) => {
    // The requests in flight, by the trace header their invocations carry: nothing is kept for any other.
    const heard = new Map<string, Heard>();
    const stopObserving = options.runtime.observe({
      // Invocations without a request's trace header (S3 notifications) are the async invoker's to record.
      started: ({ traceId, coldStart }) => {
        const entry = traceId === undefined ? undefined : heard.get(traceId);
        if (entry) entry.coldStart = coldStart;
      },
      log: ({ traceId, line }) => {
        const entry = traceId === undefined ? undefined : heard.get(traceId);
        if (entry && entry.logs.length < MAX_LINES) entry.logs.push(line);
      },
    });
    app.addHook('onClose', async () => stopObserving());

    const recorded = (request: FastifyRequest) => !request.url.startsWith(CONSOLE_PREFIX);
    // A preflight the gateway answers in its own onRequest never gets here: it invokes nothing to listen to.
    app.addHook('onRequest', async (request) => {
      if (recorded(request)) heard.set(request.apigwTraceId, { logs: [] });
    });
    app.addHook('onResponse', async (request, reply) => {
      const answer = request.apigwAnswer;
      const traceId = request.apigwTraceId;
      if (!answer || !recorded(request)) {
        heard.delete(traceId);
        return;
      }
      const { routeKey, response, forwarded, ...inside } = answer;
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
          ...(forwarded ? { forwarded } : {}),
          trace: {
            ...inside,
            ...(invocation?.coldStart === undefined ? {} : { coldStart: invocation.coldStart }),
            logs: invocation?.logs ?? [],
          },
        });
      });
    });
    // A request the client gave up on leaves nothing behind; what its function still says is not listened to.
    app.addHook('onRequestAbort', async (request) => {
      heard.delete(request.apigwTraceId);
    });
    done();
  };
  // Its hooks apply to the whole app, not to a scope of their own (what fastify-plugin does).
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
