// Decodes an aws-chunked body (Content-Encoding: aws-chunked), which the SDK
// sends for streams as STREAMING-UNSIGNED-PAYLOAD-TRAILER and other clients as
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD(-TRAILER): "<hex size>[;chunk-signature=
// <sig>]\r\n<data>\r\n" ..., a zero-size last chunk, then trailer lines. With a
// chunk signer, every chunk signature is checked against the chain that starts
// at the seed (Authorization header) signature ("Signature Calculations for the
// Authorization Header: Transferring Payload in Multiple Chunks", S3 API
// Reference). s3rver knows none of this and would store the raw framing.
import { createHash } from 'node:crypto';
import { signaturesMatch } from './emulator-signer.ts';
import { S3Error } from './s3-error.ts';

/** Signs one chunk: (previous signature, sha256 hex of the chunk data) -> signature. */
export type ChunkSigner = (previousSignature: string, chunkSha256: string) => Promise<string>;

export interface DecodedChunks {
  trailers: Record<string, string>;
}

const MAX_LINE = 4096;
const CRLF = Buffer.from('\r\n');

function malformed(): S3Error {
  return new S3Error('IncompleteBody', 'The request body is not a well-formed aws-chunked encoding.');
}

function parseChunkHeader(line: string): { size: number; signature: string | undefined } {
  const [sizeText = '', ...extensions] = line.split(';');
  if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw malformed();
  const signature = extensions.find((ext) => ext.startsWith('chunk-signature='))?.slice('chunk-signature='.length);
  return { size: parseInt(sizeText, 16), signature };
}

export async function decodeAwsChunked(
  source: AsyncIterable<Buffer>,
  write: (data: Buffer) => Promise<void>,
  options: { seedSignature?: string; signChunk?: ChunkSigner } = {},
): Promise<DecodedChunks> {
  let buffer: Buffer = Buffer.alloc(0);
  let state = 'header' as 'header' | 'data' | 'data-end' | 'trailer' | 'done';
  let remaining = 0;
  let chunkHash = createHash('sha256');
  let chunkSignature: string | undefined;
  let previousSignature = options.seedSignature ?? '';
  const trailers: Record<string, string> = {};

  const verifyChunk = async () => {
    if (!options.signChunk) return;
    const expected = await options.signChunk(previousSignature, chunkHash.digest('hex'));
    if (!chunkSignature || !signaturesMatch(expected, chunkSignature)) throw new S3Error('SignatureDoesNotMatch');
    previousSignature = expected;
  };

  for await (const piece of source) {
    buffer = buffer.length ? Buffer.concat([buffer, piece]) : piece;
    for (;;) {
      if (state === 'data') {
        const take = Math.min(remaining, buffer.length);
        if (take === 0) break;
        const data = buffer.subarray(0, take);
        buffer = buffer.subarray(take);
        remaining -= take;
        chunkHash.update(data);
        await write(data);
        if (remaining === 0) state = 'data-end';
        continue;
      }
      if (state === 'done') {
        if (buffer.length > 0) throw malformed();
        break;
      }
      if (state === 'data-end') {
        if (buffer.length < 2) break;
        if (!buffer.subarray(0, 2).equals(CRLF)) throw malformed();
        buffer = buffer.subarray(2);
        await verifyChunk();
        state = 'header';
        continue;
      }
      const end = buffer.indexOf(CRLF);
      if (end < 0) {
        if (buffer.length > MAX_LINE) throw malformed();
        break;
      }
      const line = buffer.subarray(0, end).toString('latin1');
      buffer = buffer.subarray(end + 2);
      if (state === 'header') {
        const header = parseChunkHeader(line);
        chunkHash = createHash('sha256');
        chunkSignature = header.signature;
        remaining = header.size;
        if (header.size > 0) {
          state = 'data';
        } else {
          await verifyChunk();
          state = 'trailer';
        }
      } else if (line === '') {
        state = 'done';
      } else {
        const colon = line.indexOf(':');
        if (colon <= 0) throw malformed();
        trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
    }
  }
  // A body that ends right after the last chunk (no trailer section) is complete too.
  const ended: string = state;
  if (ended !== 'done' && !(ended === 'trailer' && buffer.length === 0 && Object.keys(trailers).length === 0)) throw malformed();
  return { trailers };
}
