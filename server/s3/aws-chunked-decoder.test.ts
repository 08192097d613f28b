// aws-chunked framing with signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD):
// decoded bytes, and a tampered chunk refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { decodeAwsChunked } from './aws-chunked-decoder.ts';

const sign = async (previous: string, chunkSha256: string) => createHmac('sha256', 'k').update(`${previous}\n${chunkSha256}`).digest('hex');
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function encode(chunks: Buffer[], seed: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let previous = seed;
  for (const chunk of [...chunks, Buffer.alloc(0)]) {
    previous = await sign(previous, sha(chunk));
    parts.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), chunk, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

async function decode(body: Buffer, pieceSize: number): Promise<Buffer> {
  const out: Buffer[] = [];
  const pieces = Array.from({ length: Math.ceil(body.length / pieceSize) }, (_, i) => body.subarray(i * pieceSize, (i + 1) * pieceSize));
  await decodeAwsChunked(
    (async function* () {
      yield* pieces;
    })(),
    async (data) => {
      out.push(Buffer.from(data));
    },
    { seedSignature: 'seed', signChunk: sign },
  );
  return Buffer.concat(out);
}

test('signed chunks decode to the payload, whatever the network splits', async () => {
  const payload = [Buffer.alloc(65536, 1), Buffer.alloc(1000, 2)];
  const body = await encode(payload, 'seed');
  for (const pieceSize of [1, 7, 4096, body.length]) assert.deepEqual(await decode(body, pieceSize), Buffer.concat(payload));
});

test('a changed byte or a truncated body is refused', async () => {
  const body = await encode([Buffer.from('hello world')], 'seed');
  const tampered = Buffer.from(body);
  tampered[tampered.indexOf('hello')] = 0x48;
  await assert.rejects(decode(tampered, 5), { code: 'SignatureDoesNotMatch' });
  await assert.rejects(decode(body.subarray(0, body.length - 20), 5), { code: 'IncompleteBody' });
});
