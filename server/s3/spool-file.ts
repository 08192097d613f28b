// A body written to a temporary file while its SHA-256 and (optionally) an
// x-amz-checksum-* value are computed, so that it reaches s3rver only once it
// has been verified: s3rver writes straight into the object's file, and S3
// never stores a partial or refused object.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/** The additional checksums S3 verifies that Node computes natively. */
export type ChecksumAlgorithm = 'crc32' | 'sha1' | 'sha256';

export function checksumAlgorithmOf(headerName: string): ChecksumAlgorithm | undefined {
  const algorithm = headerName.toLowerCase().replace(/^x-amz-checksum-/, '');
  return algorithm === 'crc32' || algorithm === 'sha1' || algorithm === 'sha256' ? algorithm : undefined;
}

class Checksum {
  private crc = 0;
  private readonly hash;

  constructor(algorithm: ChecksumAlgorithm) {
    this.hash = algorithm === 'crc32' ? undefined : createHash(algorithm);
  }

  update(chunk: Buffer): void {
    if (this.hash) this.hash.update(chunk);
    else this.crc = crc32(chunk, this.crc);
  }

  base64(): string {
    if (this.hash) return this.hash.digest('base64');
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(this.crc >>> 0);
    return bytes.toString('base64');
  }
}

export interface SpooledBody {
  path: string;
  size: number;
  sha256: string;
  /** base64, when an algorithm was asked for */
  checksum?: string;
}

export class SpoolFile {
  readonly path: string;
  private readonly out;
  private readonly sha256 = createHash('sha256');
  private readonly checksum: Checksum | undefined;
  private size = 0;

  constructor(dir: string, algorithm?: ChecksumAlgorithm) {
    this.path = join(dir, randomUUID());
    this.out = createWriteStream(this.path);
    this.checksum = algorithm ? new Checksum(algorithm) : undefined;
  }

  async write(chunk: Buffer): Promise<void> {
    this.size += chunk.length;
    this.sha256.update(chunk);
    this.checksum?.update(chunk);
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async finish(): Promise<SpooledBody> {
    this.out.end();
    await once(this.out, 'finish');
    return {
      path: this.path,
      size: this.size,
      sha256: this.sha256.digest('hex'),
      ...(this.checksum ? { checksum: this.checksum.base64() } : {}),
    };
  }

  async remove(): Promise<void> {
    this.out.destroy();
    await rm(this.path, { force: true });
  }
}
