// Each module's tables and buckets created in the emulators from their
// definition files, its secrets made once per install, and from these the
// settings its functions get (`x-lambda-environment`), as a stage's
// deployment gives them.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Module } from '../../contract-core/load-module.ts';
import { readOrCreateFile } from '../auth/create-file-once.ts';
import { createTable } from '../dynamodb/create-table.ts';
import { createBucket } from '../s3/create-bucket.ts';
import type { S3Credentials } from '../s3/emulator-signer.ts';

export interface CreatedResources {
  /** Table names by definition file, relative to the module's folder. */
  tables: Record<string, string>;
  buckets: Record<string, string>;
  /** What every function of the module gets. */
  environment: Record<string, string>;
}

export interface ResourceSettings {
  stage: string;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  s3Credentials: S3Credentials;
  /** Where secrets are kept, one file each by name (a stage keeps them in SSM). */
  secretDir: string;
}

export async function createModuleResources(module: Module, settings: ResourceSettings): Promise<CreatedResources> {
  const relative = (file: string) => path.relative(module.root, file).split(path.sep).join('/');
  const [tables, buckets] = await Promise.all([
    Promise.all(
      module.tables.map(async ({ file }) => {
        const { tableName } = await createTable({ endpoint: settings.dynamodbEndpoint, stage: settings.stage, file });
        return [relative(file), tableName] as const;
      }),
    ),
    Promise.all(
      module.buckets.map(async ({ file }) => {
        const { bucketName } = await createBucket({
          endpoint: settings.s3Endpoint,
          stage: settings.stage,
          file,
          credentials: settings.s3Credentials,
        });
        return [relative(file), bucketName] as const;
      }),
    ),
  ]);
  const byFile = { table: Object.fromEntries(tables), bucket: Object.fromEntries(buckets) };
  const environment = Object.fromEntries(
    module.contract.environment.map(({ name, source }) => {
      if ('table' in source) return [name, byFile.table[relative(source.table)]!];
      if ('bucket' in source) return [name, byFile.bucket[relative(source.bucket)]!];
      if ('secret' in source) return [name, secret(settings.secretDir, source.secret)];
      return [name, source.value];
    }),
  );
  return { tables: byFile.table, buckets: byFile.bucket, environment };
}

/** Made once and kept (atomically, like the issuer key), so that what it signs stays valid across restarts. */
function secret(dir: string, name: string): string {
  return readOrCreateFile(path.join(dir, name), () => randomBytes(32).toString('base64url')).trim();
}
