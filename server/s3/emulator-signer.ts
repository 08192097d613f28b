// The emulator's SigV4 signer for S3 (@smithy/signature-v4, the SDK's own),
// holding the one credential S3 requests are checked against (the install's
// own, see emulator-credentials.ts; the well-known local one in tests), and the
// constant-time comparison every signature check uses.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.ts';

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 (or HMAC-SHA256 with a secret) in the shape @smithy/signature-v4 expects. */
export class NodeSha256 {
  private readonly secret: Buffer | undefined;
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;

  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : toBuffer(secret);
    this.hash = this.fresh();
  }

  private fresh() {
    return this.secret ? createHmac('sha256', this.secret) : createHash('sha256');
  }

  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const S3_REGION = LOCAL_REGION;
export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A signer that also says which access key it signs for. */
export type EmulatorSigner = SignatureV4 & { readonly accessKeyId: string };

export function createEmulatorSigner(credentials: S3Credentials = LOCAL_CREDENTIALS): EmulatorSigner {
  const signer = new SignatureV4({
    credentials: { ...credentials },
    region: LOCAL_REGION,
    service: 's3',
    sha256: NodeSha256,
    // S3 signs the path as sent, without normalising or double-encoding it.
    uriEscapePath: false,
    applyChecksum: false,
  });
  return Object.assign(signer, { accessKeyId: credentials.accessKeyId });
}

/** Compares two signatures in constant time (for equal lengths; lengths are not secret). */
export function signaturesMatch(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
