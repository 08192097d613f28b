// The DynamoDB emulator: dynalite in-process (in memory, or LevelDB under
// dataDir), behind a small HTTP front server that adds the operations dynalite
// lacks (transactions, Time to Live) and a TTL sweeper. Every request, forwarded
// or not, passes one lock, which is what isolates a transaction from concurrent
// writes; its body is read before it queues for the lock, so a slow or cut-off
// client holds up no one, and the wait is bounded (LOCK_WAIT_TIMEOUT_MS). With a
// data dir, a transaction cut short by a crash is undone at start. Every
// successful write is reported to the expiry index under the same lock, so the
// sweeper finds what is due without scanning (ttl-index.ts).
// First: it fixes dynalite's store before dynalite loads.
import './dynalite-memory-fixes.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { crc32 } from 'node:zlib';
import dynalite from 'dynalite';
import { LockTimeoutError, createMutex } from './async-mutex.ts';
import { createClientRequestTokens } from './client-request-tokens.ts';
import { createDynaliteClient } from './dynalite-client.ts';
import type { DynaliteClient } from './dynalite-client.ts';
import { FRONT_OPERATIONS } from './front-operations.ts';
import type { FrontContext } from './front-operations.ts';
import type { JsonResponse } from './front-responses.ts';
import { createTimeToLiveSettings } from './time-to-live-settings.ts';
import { fileJournal, noJournal, recoverJournal } from './transaction-journal.ts';
import { createTtlIndex } from './ttl-index.ts';
import { createWriteConflictCounter, type WriteConflictCounter, type WriteConflicts } from './write-conflicts.ts';
import { startTtlSweeper } from './ttl-sweeper.ts';

export interface StartDynamoDbOptions {
  /** LevelDB directory; in memory when absent. */
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How often expired TTL items are deleted; default 1000 ms. */
  ttlSweepIntervalMs?: number;
  /** The clock (ms since the epoch) for TTL and ClientRequestToken expiry; tests move it. */
  now?: () => number;
}

export interface RunningDynamoDb {
  endpoint: string;
  /** Writes refused for a condition since start. */
  writeConflicts(): WriteConflicts;
  stop(): Promise<void>;
}

/**
 * How long a request may wait for the lock. Past it the front answers 500
 * InternalServerError, as DynamoDB does for an internal failure, and the SDK
 * retries; the SDK's own request timeout is far longer, so a stuck holder shows
 * as errors, not as a hang.
 */
export const LOCK_WAIT_TIMEOUT_MS = 10_000;

/** The whole body, or a rejection when the client goes away before sending it all. */
function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client closed the connection before sending the whole body'));
    });
  });
}

const internalServerError = (message: string): JsonResponse => ({
  status: 500,
  body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message },
});

function sendJson(res: http.ServerResponse, response: JsonResponse, conflicts?: WriteConflictCounter): void {
  const body = JSON.stringify(response.body);
  conflicts?.record(response.status, body);
  res.writeHead(response.status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(body),
    'x-amz-crc32': String(crc32(body)),
  });
  res.end(body);
}

/** What the front keeps across requests: the transaction journal, request tokens, TTL settings and expiry index. */
type FrontState = Omit<FrontContext, 'call'> & { conflicts: WriteConflictCounter };

async function handle(
  req: http.IncomingMessage,
  body: Buffer,
  res: http.ServerResponse,
  dynamo: DynaliteClient,
  state: FrontState,
): Promise<void> {
  const operation = req.method === 'POST' ? FRONT_OPERATIONS[String(req.headers['x-amz-target'])] : undefined;
  if (!operation) {
    const answer = await dynamo.send({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
    if (answer.status === 200) await state.ttlIndex.recordForwarded(String(req.headers['x-amz-target']), body);
    state.conflicts.record(answer.status, answer.body);
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
    return;
  }
  let request: unknown;
  try {
    request = JSON.parse(body.toString('utf8'));
  } catch {
    request = undefined;
  }
  if (typeof request !== 'object' || request === null) {
    sendJson(res, { status: 400, body: { __type: 'com.amazon.coral.service#SerializationException' } });
    return;
  }
  const context: FrontContext = { ...state, call: dynamo.operationCaller(req.headers) };
  sendJson(res, await operation(request as Record<string, unknown>, context), state.conflicts);
}

async function listen(server: http.Server, host: string, port: number): Promise<AddressInfo> {
  server.listen(port, host);
  await once(server, 'listening');
  return server.address() as AddressInfo;
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

export async function startDynamoDb(options: StartDynamoDbOptions = {}): Promise<RunningDynamoDb> {
  const host = options.host ?? '127.0.0.1';
  const backend = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.dataDir ? { path: options.dataDir } : {}),
  });
  // Listening only so that its close() (which closes the store) works; requests reach it in-process.
  await listen(backend, '127.0.0.1', 0);
  const dynamo = createDynaliteClient(backend);
  const mutex = createMutex({ waitTimeoutMs: LOCK_WAIT_TIMEOUT_MS });
  const now = options.now ?? Date.now;
  // Before serving: undo a transaction that a crash cut short.
  if (options.dataDir) await recoverJournal(options.dataDir, dynamo.internalCaller());
  const timeToLive = createTimeToLiveSettings(options.dataDir);
  const ttlIndex = createTtlIndex({
    call: dynamo.internalCaller(),
    settings: timeToLive,
    onError: (error) => console.error('dynamodb emulator: TTL index update failed:', error),
  });
  // Before serving, like the recovery: tables that had TTL enabled before this start.
  await ttlIndex.buildEnabled();
  const state: FrontState = {
    journal: options.dataDir ? fileJournal(options.dataDir) : noJournal,
    tokens: createClientRequestTokens(now),
    timeToLive,
    ttlIndex,
    conflicts: createWriteConflictCounter(),
  };
  const front = http.createServer((req, res) => {
    readBody(req)
      .then(
        (body) => mutex.run(() => handle(req, body, res, dynamo, state)),
        // Nothing to answer: the client is gone.
        () => void res.destroy(),
      )
      .catch((error: unknown) => {
        if (res.headersSent) return res.destroy();
        sendJson(res, internalServerError(error instanceof LockTimeoutError ? 'The emulator is busy; retry' : String(error)));
      });
  });
  const frontAddress = await listen(front, host, options.port ?? 0);
  const urlHost = frontAddress.family === 'IPv6' ? `[${frontAddress.address}]` : frontAddress.address;

  const sweeper = startTtlSweeper({
    call: dynamo.internalCaller(),
    mutex,
    index: ttlIndex,
    intervalMs: options.ttlSweepIntervalMs ?? 1000,
    now,
    onError: (error) => console.error('dynamodb emulator: TTL sweep failed:', error),
  });

  return {
    endpoint: `http://${urlHost}:${frontAddress.port}`,
    writeConflicts: state.conflicts.counts,
    async stop() {
      await sweeper.stop();
      await close(front);
      // Let requests already queued on the lock finish before dynalite closes its store (bounded by the lock's wait timeout).
      await mutex.run(async () => undefined).catch(() => undefined);
      await close(backend);
    },
  };
}
