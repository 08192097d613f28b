// The S3 emulator: s3rver in-process on an internal 127.0.0.1 port, storing
// objects under dataDir (or a fresh temporary directory removed on stop),
// behind a verifying front on `host` (default 127.0.0.1) that authenticates
// every request as S3 does. s3rver alone accepts tampered signatures,
// anonymous reads and POST uploads that break their policy; the front refuses
// them, so the emulator never accepts what S3 refuses.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account.js';
import { LOCAL_CREDENTIALS } from '../local-aws.ts';
import type { ObjectCreatedListener } from './object-created.ts';
import { buildS3Front } from './s3-front.ts';
import { createS3rverBackend } from './s3rver-backend.ts';
import type { S3Credentials } from './emulator-signer.ts';

export interface StartS3Options {
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Told of the objects stored through the front (where bucket notifications start). */
  objectCreated?: ObjectCreatedListener;
  /** The one key requests must be signed with; the well-known local key by default (tests). */
  credentials?: S3Credentials;
}

export interface RunningS3 {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startS3(options: StartS3Options = {}): Promise<RunningS3> {
  const directory = options.dataDir ?? (await mkdtemp(join(tmpdir(), 's3-emulator-')));
  const spoolDir = await mkdtemp(join(tmpdir(), 's3-spool-'));
  // s3rver only knows its own S3RVER key; teach it the emulator's (the front forwards requests as signed).
  const credentials = options.credentials ?? LOCAL_CREDENTIALS;
  DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);

  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const internal = await server.run();
  const backend = createS3rverBackend(internal.port);
  const front = await buildS3Front({
    backend,
    spoolDir,
    ...(options.objectCreated ? { objectCreated: options.objectCreated } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  try {
    await front.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  } catch (error) {
    backend.close();
    await server.close();
    await rm(spoolDir, { recursive: true, force: true });
    throw error;
  }
  const address = front.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    endpoint: `http://${host}:${address.port}`,
    async stop() {
      await front.close();
      backend.close();
      await server.close();
      await rm(spoolDir, { recursive: true, force: true });
      if (!options.dataDir) await rm(directory, { recursive: true, force: true });
    },
  };
}
