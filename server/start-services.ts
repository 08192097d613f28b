// The emulator's services, started side by side: the functions' code (built
// or unzipped), DynamoDB and S3, and the SDK clients the plugins and the
// console use on them. Each is stopped by the stops it returns, in order.
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Module } from '../contract-core/load-module.ts';
import { type CodeSource, startFunctionCode } from './lambda/function-code-source.ts';
import { localClientConfig } from './local-aws.ts';
import type { MainOptions } from './main-options.ts';
import { startDynamoDb } from './dynamodb/start-dynamodb.ts';
import type { WriteConflicts } from './dynamodb/write-conflicts.ts';
import type { ObjectCreatedListener } from './s3/object-created.ts';
import type { S3Credentials } from './s3/emulator-signer.ts';
import { startS3 } from './s3/start-s3.ts';
import type { ReadyTimes } from './ready-times.ts';

export interface Services {
  code: CodeSource;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  /** What the plugins (seed, console views) and the console read and write with. */
  dynamodb: DynamoDBDocumentClient;
  /** Writes DynamoDB refused for a condition since start. */
  writeConflicts: () => WriteConflicts;
  s3: S3Client;
  /** In the order to run them. */
  stops: Array<() => Promise<void>>;
}

export interface ServiceSettings {
  options: Pick<MainOptions, 'zips' | 'dynamodbPort' | 'dataDir' | 'host'>;
  /** The project folder the emulator runs from (dist/, .emulator/). */
  home: string;
  modules: ReadonlyArray<Pick<Module, 'root' | 'name' | 'contract'>>;
  stage: string;
  s3Credentials: S3Credentials;
  log: (line: string) => void;
  /** The functions whose code a saved change rebuilt. */
  onCodeChange: (functionNames: string[]) => void;
  /** What the S3 emulator tells about each object it stores (the buckets' notifications). */
  objectCreated: ObjectCreatedListener;
  ready: ReadyTimes;
}

export async function startServices(settings: ServiceSettings): Promise<Services> {
  const { options, ready } = settings;
  const [code, dynamo, s3] = await Promise.all([
    ready.timed(
      'functions',
      startFunctionCode({
        zips: options.zips,
        home: settings.home,
        modules: settings.modules,
        stage: settings.stage,
        log: settings.log,
        onChange: settings.onCodeChange,
      }),
    ),
    ready.timed(
      'DynamoDB',
      startDynamoDb({ port: options.dynamodbPort, ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {}) }),
    ),
    // S3 opens to the network with the API, so that presigned URLs work from a phone.
    ready.timed(
      'S3',
      startS3({
        host: options.host,
        credentials: settings.s3Credentials,
        ...(options.dataDir ? { dataDir: path.join(options.dataDir, 's3') } : {}),
        objectCreated: settings.objectCreated,
      }),
    ),
  ]);
  const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(dynamo.endpoint)));
  const s3Client = new S3Client({ ...localClientConfig(s3.endpoint), credentials: { ...settings.s3Credentials }, forcePathStyle: true });
  return {
    code,
    dynamodbEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    dynamodb,
    writeConflicts: dynamo.writeConflicts,
    s3: s3Client,
    stops: [
      () => code.dispose(),
      async () => {
        dynamodb.destroy();
        s3Client.destroy();
      },
      () => s3.stop(),
      () => dynamo.stop(),
    ],
  };
}
