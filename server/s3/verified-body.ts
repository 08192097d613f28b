// The body of an authenticated REST request, made ready for s3rver: streamed
// through when the payload is unsigned; spooled and hash-checked when
// x-amz-content-sha256 names its SHA-256 (XAmzContentSHA256Mismatch otherwise);
// decoded from aws-chunked (chunk signatures and trailing checksum checked)
// for the STREAMING-* variants. Nothing reaches s3rver before it is verified.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { SignatureV4 } from '@smithy/signature-v4';
import { decodeAwsChunked } from './aws-chunked-decoder.ts';
import { EMPTY_SHA256 } from './emulator-signer.ts';
import { S3Error } from './s3-error.ts';
import { scopeDay } from './sigv4-credential.ts';
import type { VerifiedRequest } from './sigv4-request-auth.ts';
import { checksumAlgorithmOf, SpoolFile } from './spool-file.ts';

export interface ForwardBody {
  headers: OutgoingHttpHeaders;
  body?: Readable;
  /** Removes what was spooled; call once the backend has answered. */
  release(): Promise<void>;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

function withoutHopByHop(headers: IncomingMessage['headers']): OutgoingHttpHeaders {
  const copy: OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

async function spooled(
  spool: SpoolFile,
  headers: OutgoingHttpHeaders,
  verify: (body: { size: number; sha256: string; checksum?: string }) => void,
): Promise<ForwardBody> {
  try {
    const body = await spool.finish();
    verify(body);
    return {
      headers: { ...headers, 'content-length': String(body.size) },
      body: createReadStream(body.path),
      release: () => spool.remove(),
    };
  } catch (error) {
    await spool.remove();
    throw error;
  }
}

function checkChecksum(name: string | undefined, expected: string | undefined, actual: string | undefined): void {
  if (name && expected !== undefined && actual !== undefined && expected !== actual) {
    throw new S3Error(
      'BadDigest',
      `The ${name.replace(/^x-amz-checksum-/, '').toUpperCase()} you specified did not match the calculated checksum.`,
    );
  }
}

export async function verifiedBody(
  request: IncomingMessage,
  verified: VerifiedRequest,
  signer: SignatureV4,
  spoolDir: string,
): Promise<ForwardBody> {
  const headers = withoutHopByHop(request.headers);
  const none = { headers, release: async () => undefined };
  const { payloadHash } = verified;

  if (payloadHash.startsWith('STREAMING-')) {
    const trailerName = request.headers['x-amz-trailer']?.toString().toLowerCase();
    const spool = new SpoolFile(spoolDir, trailerName ? checksumAlgorithmOf(trailerName) : undefined);
    const signed = payloadHash.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
    const { amzDate: longDate, scope } = verified;
    let trailers: Record<string, string> = {};
    try {
      ({ trailers } = await decodeAwsChunked(
        request,
        (data) => spool.write(data),
        signed
          ? {
              seedSignature: verified.signature,
              signChunk: (previous, chunkSha256) =>
                signer.sign(['AWS4-HMAC-SHA256-PAYLOAD', longDate, scope.scope, previous, EMPTY_SHA256, chunkSha256].join('\n'), {
                  signingDate: scopeDay(scope),
                  signingRegion: scope.region,
                  signingService: 's3',
                }),
            }
          : {},
      ));
    } catch (error) {
      await spool.remove();
      throw error;
    }
    const decodedLength = request.headers['x-amz-decoded-content-length'];
    const encodings = String(headers['content-encoding'] ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '' && e !== 'aws-chunked');
    const forwarded: OutgoingHttpHeaders = { ...headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
    for (const name of ['content-encoding', 'x-amz-decoded-content-length', 'x-amz-trailer']) delete forwarded[name];
    if (encodings.length > 0) forwarded['content-encoding'] = encodings.join(',');
    return spooled(spool, forwarded, (body) => {
      if (decodedLength !== undefined && Number(decodedLength) !== body.size) throw new S3Error('IncompleteBody');
      checkChecksum(trailerName, trailerName ? trailers[trailerName] : undefined, body.checksum);
    });
  }

  if (!hasBody(request)) {
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== EMPTY_SHA256) {
      throw new S3Error('XAmzContentSHA256Mismatch', undefined, {
        ClientComputedContentSHA256: payloadHash,
        S3ComputedContentSHA256: EMPTY_SHA256,
      });
    }
    return none;
  }
  if (payloadHash === 'UNSIGNED-PAYLOAD') return { ...none, body: request };

  const checksumHeader = Object.keys(request.headers).find((name) => checksumAlgorithmOf(name) && name.startsWith('x-amz-checksum-'));
  const spool = new SpoolFile(spoolDir, checksumHeader ? checksumAlgorithmOf(checksumHeader) : undefined);
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) await spool.write(chunk);
  } catch (error) {
    await spool.remove();
    throw error;
  }
  return spooled(spool, headers, (body) => {
    if (body.sha256 !== payloadHash) {
      throw new S3Error('XAmzContentSHA256Mismatch', undefined, {
        ClientComputedContentSHA256: payloadHash,
        S3ComputedContentSHA256: body.sha256,
      });
    }
    checkChecksum(checksumHeader, checksumHeader ? String(request.headers[checksumHeader]) : undefined, body.checksum);
  });
}
