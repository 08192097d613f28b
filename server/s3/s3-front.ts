// The verifying front before s3rver. Every request is authenticated as S3
// would (SigV4 header, presigned query, or a POST form's signed policy) with
// the emulator's credential; anonymous requests are refused, the bucket being
// private. Verified REST requests go on to s3rver; POST uploads are parsed here
// (@fastify/multipart) and stored with a PUT; CORS preflights are answered here.
// Conditional headers (If-Match, x-amz-copy-source-if-*, ...) are judged here
// too (conditional-request-gate.ts), s3rver ignoring most of them. Every
// object the front stores (POST, PutObject, CopyObject,
// CompleteMultipartUpload) is reported to the `objectCreated` listener once stored,
// without holding up the response: that is where bucket notifications start.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { conditionalRequestGate } from './conditional-request-gate.ts';
import { CONDITIONAL_HEADERS } from './conditional-requests.ts';
import { copySourceForS3rver } from './copy-source.ts';
import { actualRequestCorsHeaders, preflightHeaders } from './cors-responses.ts';
import { createEmulatorSigner, type S3Credentials } from './emulator-signer.ts';
import { objectCreatedWay, storedObject, unquoted, type ObjectCreated, type ObjectCreatedListener } from './object-created.ts';
import { postObjectUpload } from './post-object-upload.ts';
import { firstQueryValue, requestTarget } from './request-target.ts';
import type { RequestTarget } from './request-target.ts';
import { errorXml, newHostId, newRequestId, S3Error } from './s3-error.ts';
import type { S3rverBackend } from './s3rver-backend.ts';
import { verifyAuthorizationHeader, verifyPresignedUrl } from './sigv4-request-auth.ts';
import type { VerifiedRequest } from './sigv4-request-auth.ts';
import { verifiedBody } from './verified-body.ts';

export interface S3FrontOptions {
  backend: S3rverBackend;
  /** Where request bodies wait while they are verified. */
  spoolDir: string;
  /** The clock expiry and skew are judged by. */
  now?: () => Date;
  /** Told of the objects stored that it wants, after the fact. */
  objectCreated?: ObjectCreatedListener;
  /** Problems that reach no client (describing a stored object); stderr by default. */
  report?: (line: string) => void;
  /** The key requests must be signed with; the well-known local key by default. */
  credentials?: S3Credentials;
}

const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'PATCH'];
/** Bytes of an unread request body still read (and dropped) after an error, so the client sees the reply. */
const DRAIN_LIMIT = 64 * 1024 * 1024;
const BACKEND_CORS_HEADER = /^(access-control-|vary$)/;

type Context = Required<Omit<S3FrontOptions, 'objectCreated' | 'credentials'>> &
  Pick<S3FrontOptions, 'objectCreated'> & { signer: ReturnType<typeof createEmulatorSigner> };

/** One request's ids, sent on every answer as S3 does (`x-amz-request-id`, `x-amz-id-2`), and named in its events. */
interface RequestIds {
  requestId: string;
  hostId: string;
}

const idHeaders = (ids: RequestIds) => ({ 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId });

/** Tells the listener of a stored object it wants, after looking up its size and ETag when the response did not give them. */
function announce(context: Context, created: Omit<ObjectCreated, 'size' | 'eTag'> & Partial<Pick<ObjectCreated, 'size' | 'eTag'>>): void {
  const listener = context.objectCreated;
  void (async () => {
    if (!listener?.wants(created.bucket, created.key, created.way)) return;
    const { size, eTag } = created;
    const described = size !== undefined && eTag ? { size, eTag } : await storedObject(context.backend, created.bucket, created.key);
    if (!described) throw new Error('the stored object could not be read back');
    listener.objectCreated({ ...created, ...described });
  })().catch((error: unknown) => {
    context.report(
      `ObjectCreated:${created.way} of ${created.key} not announced: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

function sourceIpOf(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

function isPostUpload(target: RequestTarget, request: FastifyRequest): boolean {
  return (
    target.method === 'POST' &&
    target.key === undefined &&
    request.isMultipart() &&
    !target.headers['authorization'] &&
    firstQueryValue(target, 'X-Amz-Algorithm') === undefined
  );
}

function authenticate(target: RequestTarget, context: Context): Promise<VerifiedRequest> {
  const header = target.headers['authorization'] !== undefined;
  const query = firstQueryValue(target, 'X-Amz-Algorithm') !== undefined;
  if (header && query) {
    throw new S3Error(
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      {
        ArgumentName: 'Authorization',
        ArgumentValue: target.headers['authorization'] ?? '',
      },
    );
  }
  if (header) return verifyAuthorizationHeader(target, context.signer, context.now());
  if (query) return verifyPresignedUrl(target, context.signer, context.now());
  if (firstQueryValue(target, 'Signature') !== undefined) {
    throw new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  }
  throw new S3Error('AccessDenied');
}

function drained(request: IncomingMessage): Promise<boolean> {
  if (request.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let read = 0;
    request.unpipe();
    request.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > DRAIN_LIMIT) resolve(false);
    });
    request.once('end', () => resolve(true));
    request.once('error', () => resolve(false));
    request.once('close', () => resolve(request.complete));
    request.resume();
  });
}

async function sendError(
  request: IncomingMessage,
  res: ServerResponse,
  error: S3Error,
  cors: Record<string, string>,
  ids: RequestIds,
): Promise<void> {
  const complete = !error.closeConnection && (await drained(request));
  const body = request.method === 'HEAD' ? '' : errorXml(error, ids.requestId);
  res.writeHead(error.status, {
    ...cors,
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    ...idHeaders(ids),
    ...(complete ? {} : { connection: 'close' }),
  });
  res.end(body, () => {
    if (!complete) request.destroy();
  });
}

async function forward(
  request: FastifyRequest,
  res: ServerResponse,
  target: RequestTarget,
  verified: VerifiedRequest,
  context: Context,
  cors: Record<string, string>,
  ids: RequestIds,
) {
  const body = await verifiedBody(request.raw, verified, context.signer, context.spoolDir);
  // Judged by conditionalRequestGate already; s3rver's own If-None-Match / If-Modified-Since differ from S3's.
  for (const name of CONDITIONAL_HEADERS) delete body.headers[name];
  const copySource = body.headers['x-amz-copy-source'];
  if (typeof copySource === 'string') body.headers['x-amz-copy-source'] = copySourceForS3rver(copySource);
  try {
    const answer = await context.backend.send({
      method: target.method,
      path: request.raw.url ?? '/',
      headers: body.headers,
      ...(body.body ? { body: body.body } : {}),
    });
    const headers = Object.fromEntries(
      Object.entries(answer.headers).filter(
        ([name]) => name !== 'connection' && name !== 'keep-alive' && name !== 'transfer-encoding' && !BACKEND_CORS_HEADER.test(name),
      ),
    );
    res.writeHead(answer.status, { ...headers, ...cors, ...idHeaders(ids) });
    // A body cut off midway (s3rver failed or went idle) cuts the client's response too, so the SDK sees it and retries.
    pipeline(answer.body, res).catch(() => res.destroy());
    const way = answer.status === 200 ? objectCreatedWay(target) : undefined;
    if (way && target.bucket !== undefined && target.key !== undefined) {
      // A PUT's answer tells its ETag and the body its size; the other ways are looked up once stored.
      const size = way === 'Put' ? Number(body.headers['content-length']) : NaN;
      const etag = way === 'Put' ? answer.headers['etag'] : undefined;
      announce(context, {
        way,
        bucket: target.bucket,
        key: target.key,
        time: context.now(),
        sourceIp: sourceIpOf(request.raw),
        ...ids,
        ...(Number.isInteger(size) && typeof etag === 'string' ? { size, eTag: unquoted(etag) } : {}),
      });
    }
    await new Promise((resolve) => res.once('close', resolve));
  } finally {
    await body.release();
  }
}

async function handle(request: FastifyRequest, res: ServerResponse, context: Context): Promise<void> {
  const target = requestTarget(request.raw.method ?? 'GET', request.raw.url ?? '/', request.raw.headers);
  const ids: RequestIds = { requestId: newRequestId(), hostId: newHostId() };
  let cors: Record<string, string> = {};
  try {
    if (target.method === 'OPTIONS') {
      cors = await preflightHeaders(target, context.backend);
      res.writeHead(200, { ...cors, 'content-length': 0, ...idHeaders(ids) });
      res.end();
      return;
    }
    cors = await actualRequestCorsHeaders(target, context.backend);
    if (isPostUpload(target, request)) {
      const reply = await postObjectUpload(request.parts({ limits: { fileSize: Infinity, fieldSize: 64 * 1024 } }), {
        bucket: target.bucket ?? '',
        signer: context.signer,
        now: context.now(),
        spoolDir: context.spoolDir,
        backend: context.backend,
        origin: `http://${target.headers['host'] ?? 'localhost'}`,
      });
      res.writeHead(reply.status, { ...cors, ...reply.headers, 'content-length': Buffer.byteLength(reply.body), ...idHeaders(ids) });
      res.end(reply.body);
      if (reply.stored && target.bucket !== undefined) {
        announce(context, {
          way: 'Post',
          bucket: target.bucket,
          ...reply.stored,
          time: context.now(),
          sourceIp: sourceIpOf(request.raw),
          ...ids,
        });
      }
      return;
    }
    const verified = await authenticate(target, context);
    const gate = await conditionalRequestGate(target, context.backend, context.now());
    if (gate.action === 'not-modified') {
      res.writeHead(304, { ...cors, ...gate.headers, ...idHeaders(ids) });
      res.end();
      return;
    }
    await forward(request, res, target, verified, context, cors, ids);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const s3Error =
      error instanceof S3Error
        ? error
        : target.method === 'POST' && request.isMultipart()
          ? new S3Error('MalformedPOSTRequest')
          : new S3Error('InternalError');
    await sendError(request.raw, res, s3Error, cors, ids);
  }
}

export async function buildS3Front(options: S3FrontOptions): Promise<FastifyInstance> {
  const context: Context = {
    now: () => new Date(),
    report: (line) => process.stderr.write(`[s3] ${line}\n`),
    ...options,
    signer: createEmulatorSigner(options.credentials),
  };
  const app = Fastify({ logger: false, exposeHeadRoutes: false, forceCloseConnections: true, requestTimeout: 0 });
  // Bodies stay unread streams: they are verified and forwarded, never parsed by Fastify.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  await app.register(fastifyMultipart, { throwFileSizeLimit: false });
  app.route({
    method: METHODS,
    url: '*',
    handler: async (request, reply) => {
      reply.hijack();
      await handle(request, reply.raw, context);
    },
  });
  return app;
}
