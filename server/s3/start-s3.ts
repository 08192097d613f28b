// The S3 emulator: s3rver in-process, silent, storing objects under dataDir
// (or a fresh temporary directory that is removed on stop).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account.js';
import { LOCAL_CREDENTIALS } from '../local-aws.ts';

export interface StartS3Options {
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningS3 {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startS3(options: StartS3Options = {}): Promise<RunningS3> {
  const directory = options.dataDir ?? (await mkdtemp(join(tmpdir(), 's3-emulator-')));
  // s3rver only knows its own S3RVER key; teach it the emulator's (same pair each time).
  DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);

  const server = new S3rver({ address: options.host ?? '127.0.0.1', port: options.port ?? 0, silent: true, directory });
  const address = await server.run();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    endpoint: `http://${host}:${address.port}`,
    async stop() {
      await server.close();
      if (!options.dataDir) await rm(directory, { recursive: true, force: true });
    },
  };
}
