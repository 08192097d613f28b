// Starts the local emulator: every module it serves (`--module`, this
// project's by default) on one origin. DynamoDB and S3 emulators, each
// module's tables, buckets and seed, the Lambda runtime with every contract's
// functions, the buckets' S3 event notifications, the HTTP API, the docs page
// and the console. The only file that listens.
import './sdk-node-warning.ts';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LAMBDA_RUNTIMES, type LambdaRuntime } from '../contract-core/lambda-runtimes.ts';
import { boundFunctions } from '../contract-core/load-contract.ts';
import { BUNDLE_NODE_OPTIONS } from '../build/function-bundles.ts';
import { loadCorsConfiguration } from './api-gateway/cors.ts';
import { buildApp } from './app.ts';
import { batchedLines } from './batched-lines.ts';
import { issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from './auth/local-issuer.ts';
import { jwksOf, loadOrCreateKeys } from './auth/local-keys.ts';
import { startDynamoDb } from './dynamodb/start-dynamodb.ts';
import { createAsyncInvoker } from './lambda/async-invoke.ts';
import { createFunctionRuntime } from './lambda/function-runtime.ts';
import { DEFAULT_STAGE, LOCAL_REGION, LOCAL_SESSION_TOKEN, localClientConfig } from './local-aws.ts';
import { loadOrCreateS3Credentials } from './s3/emulator-credentials.ts';
import { createBucketNotifications } from './s3/bucket-notifications.ts';
import { startS3 } from './s3/start-s3.ts';
import { isWildcardHost, machineAddresses } from './lan-address.ts';
import { registerDocsPage } from './docs-page.ts';
import { inspectorLines, printBanner } from './banner.ts';
import { readOptions } from './main-options.ts';
import { registerConsole } from './console/console-routes.ts';
import { consoleDataRoutes } from './console/console-data.ts';
import { keyAttributes } from './console/console-resources.ts';
import { createInvocationRing } from './console/invocation-ring.ts';
import { consoleRecorder } from './console/console-recorder.ts';
import { asyncInvocationRecord, invocationRecord } from './console/invocation-record.ts';
import { loadServedModules, localUsers } from './modules/served-modules.ts';
import { createModuleResources } from './modules/module-resources.ts';
import type { ModuleResources } from './modules/module-plugin.ts';
import { reserveInspectorPorts, waitForInspectors } from './lambda/inspector-start.ts';
import { startFunctionCode } from './lambda/function-code-source.ts';
import { startFailureLine } from './start-failure.ts';

/** SIGTERM or SIGINT stops the emulator within 5 s, stuck components or not. */
const STOP_DEADLINE_MS = 4500;

/** Function and platform log lines, batched per turn of the event loop. */
const logLines = batchedLines(process.stdout);

async function main(): Promise<void> {
  const began = performance.now();
  const options = readOptions();
  const stage = DEFAULT_STAGE;
  const modules = await loadServedModules(options.modules, {
    stage,
    jwtIssuer: options.stageIssuer?.issuer ?? LOCAL_ISSUER,
    jwtAudience: options.stageIssuer?.audience ?? LOCAL_AUDIENCE,
  });
  const functions = modules.flatMap((module) => boundFunctions(module.contract));
  warnAboutNodeVersion(functions.map((fn) => fn.runtime));
  const inspectPorts = await reserveInspectorPorts(options.inspectPort, functions);
  const keys = loadOrCreateKeys(options.keyDir);
  // The install's own S3 key (not the well-known local one): what the functions and the S3 front use.
  const s3Credentials = loadOrCreateS3Credentials(options.keyDir);
  // A debugged function gets its next environment as soon as its code changes, for the debugger to attach before the next request.
  let codeChanged = (_functionNames: string[]): void => undefined;
  // Set once the functions can run; objects stored before that (none: nothing uploads during start-up) notify nothing.
  let notifications: Array<ReturnType<typeof createBucketNotifications>> = [];

  // How long each component took to be ready, for the banner; listed in this order whatever order they finish in.
  const readyMs: Record<string, number> = { functions: 0, DynamoDB: 0, S3: 0, 'tables+buckets+seed': 0, API: 0 };
  const timed = async <T>(component: string, work: Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work;
    readyMs[component] = performance.now() - started;
    return value;
  };
  const [code, dynamo, s3] = await Promise.all([
    timed(
      'functions',
      startFunctionCode({ zips: options.zips, modules, stage, log: logLines.write, onChange: (names) => codeChanged(names) }),
    ),
    timed(
      'DynamoDB',
      startDynamoDb({ port: options.dynamodbPort, ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {}) }),
    ),
    // S3 opens to the network with the API, so that presigned URLs work from a phone.
    timed(
      'S3',
      startS3({
        host: options.host,
        credentials: s3Credentials,
        ...(options.dataDir ? { dataDir: path.join(options.dataDir, 's3') } : {}),
        objectCreated: {
          wants: (bucket, key, way) => notifications.some((notified) => notified.wants(bucket, key, way)),
          objectCreated: (created) => {
            for (const notified of notifications) notified.objectCreated(created);
          },
        },
      }),
    ),
  ]);
  // What the plugins (seed, console views) and the console read and write the emulators with.
  const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(dynamo.endpoint)));
  const s3Client = new S3Client({ ...localClientConfig(s3.endpoint), credentials: { ...s3Credentials }, forcePathStyle: true });
  const stops: Array<() => Promise<void>> = [
    () => code.dispose(),
    async () => {
      dynamodb.destroy();
      s3Client.destroy();
    },
    () => s3.stop(),
    () => dynamo.stop(),
  ];
  const created = await timed(
    'tables+buckets+seed',
    Promise.all(
      modules.map(async (module) => {
        const made = await createModuleResources(module, {
          stage,
          dynamodbEndpoint: dynamo.endpoint,
          s3Endpoint: s3.endpoint,
          s3Credentials,
          // Kept with the data when there is a data dir, so that what a secret signed (cursors) stays valid with it.
          secretDir: options.dataDir ?? options.keyDir,
        });
        const resources: ModuleResources = { tables: made.tables, buckets: made.buckets, dynamodb, s3: s3Client };
        await module.plugin.seed?.(resources);
        return { module, made, resources };
      }),
    ),
  );
  const seedAll = async () => {
    for (const { module, resources } of created) await module.plugin.seed?.(resources);
  };
  const environmentOf = new Map(
    created.flatMap(({ module, made }) => boundFunctions(module.contract).map((fn) => [fn.functionName, made.environment])),
  );

  const runtime = createFunctionRuntime({
    functions,
    ...(options.maxEnvironments ? { maxEnvironments: options.maxEnvironments } : {}),
    ...(options.maxEnvironmentsPerFunction ? { maxEnvironmentsPerFunction: options.maxEnvironmentsPerFunction } : {}),
    code: (functionName) => code.code(functionName),
    log: logLines.write,
    region: LOCAL_REGION,
    ...(inspectPorts ? { inspectPorts } : {}),
    environment: (fn) => ({
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: s3Credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3Credentials.secretAccessKey,
      // Lambda's credentials are a role's temporary ones, so the SDK sends a session token.
      AWS_SESSION_TOKEN: LOCAL_SESSION_TOKEN,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: advertised(s3.endpoint, options.publicHost),
      // What the bundles need (source maps for stack traces), as a deployment sets it.
      NODE_OPTIONS: BUNDLE_NODE_OPTIONS,
      // The SDK's warning about an older host Node is replaced by the emulator's own line at start-up.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...(options.claimNames.userId ? { USER_ID_CLAIM: options.claimNames.userId } : {}),
      ...(options.claimNames.roles ? { ROLE_CLAIMS: options.claimNames.roles } : {}),
      ...environmentOf.get(fn.functionName),
    }),
  });
  stops.unshift(() => runtime.dispose());
  if (inspectPorts) codeChanged = (names) => names.forEach((name) => void runtime.prepare(name));
  // The dev console's memory: what the API answered and what S3 notifications ran.
  const ring = options.consoleSize > 0 ? createInvocationRing(options.consoleSize) : undefined;
  // The buckets' notifications invoke their functions as S3 does: asynchronously, retried on failure.
  const invoker = createAsyncInvoker({
    runtime,
    retryDelaysMs: options.asyncRetryDelaysMs,
    log: logLines.write,
    ...(ring ? { observe: (attempt) => ring.add(asyncInvocationRecord(attempt)) } : {}),
  });
  stops.unshift(() => invoker.dispose());
  notifications = created.flatMap(({ module, made }) =>
    module.contract.notifications.length === 0
      ? []
      : [
          createBucketNotifications({
            bucket: notifiedBucket(module.contractFile, made.buckets),
            notifications: module.contract.notifications,
            invoker,
            region: LOCAL_REGION,
          }),
        ],
  );

  const app = buildApp({
    // Each with the CORS configuration its deployed API imports (infra/api-cors.json).
    apis: modules.map((module) => ({
      contract: module.contract,
      ...(module.corsFile ? { cors: loadCorsConfiguration(module.corsFile) } : {}),
    })),
    runtime,
    jwks: options.stageIssuer?.jwks ?? jwksOf(keys),
    logger: options.verbose,
    // No 30 s integration timeout while a debugger may hold a function at a breakpoint.
    ...(inspectPorts ? { integrationTimeoutMs: Number.POSITIVE_INFINITY } : {}),
  });
  stops.unshift(() => app.close());
  if (ring) {
    app.register(consoleRecorder({ runtime, record: (answered) => ring.add(invocationRecord(answered, options.claimNames)) }));
  }
  const users = localUsers(modules);
  const mintToken = options.stageIssuer
    ? undefined
    : (userId: number) => {
        const user = users.find((candidate) => candidate.id === userId)!;
        return issueLocalToken({ keyDir: options.keyDir, sub: String(user.id), role: user.role, name: user.name });
      };
  registerDocsPage(app, {
    contracts: modules.map((module) => ({ name: module.name, title: module.contract.title, file: module.contractFile })),
    users,
    ...(mintToken ? { mintToken } : {}),
  });
  if (ring) {
    registerConsole(app, {
      ring,
      users,
      openToLan: options.consoleOnLan,
      lanHosts: [options.publicHost, ...machineAddresses()],
      ...(mintToken ? { mintToken } : {}),
      dataRoutes: consoleDataRoutes({
        dynamodb,
        s3: s3Client,
        tables: modules.flatMap((module) =>
          module.tables.map((table) => ({ module: module.name, name: table.name, ...keyAttributes(table.definition) })),
        ),
        buckets: modules.flatMap((module) => module.buckets.map((bucket) => ({ module: module.name, name: bucket.name }))),
        views: modules.flatMap((module) => (module.plugin.console ? [{ module: module.name, label: module.plugin.console.label }] : [])),
        seed: seedAll,
      }),
      moduleViews: created.flatMap(({ module, resources }) =>
        module.plugin.console
          ? [{ module: module.name, routes: module.plugin.console.routes(resources), pageScript: module.plugin.console.pageScript }]
          : [],
      ),
    });
  }
  handleStopSignals(stops);

  const address = await timed('API', app.listen({ port: options.port, host: options.host }));
  if (inspectPorts) await timed('inspectors', waitForInspectors(runtime, functions));
  logLines.flush();
  printBanner({
    address,
    options,
    modules: created.map(({ module, made }) => ({
      name: module.name,
      title: module.contract.title,
      contractFile: path.relative(process.cwd(), module.contractFile) || module.contractFile,
      routeCount: module.contract.routes.length,
      notifications: module.contract.notifications,
      tables: Object.values(made.tables),
      buckets: Object.values(made.buckets),
    })),
    bootMs: performance.now() - began,
    codeFrom: code.startedFrom,
    dynamodbEndpoint: dynamo.endpoint,
    readyMs,
    inspectors: inspectPorts
      ? inspectorLines(
          inspectPorts,
          modules.map((module) => module.contract),
        )
      : [],
    users,
  });
}

/** SIGINT and SIGTERM run the stops in order, and exit within STOP_DEADLINE_MS whatever happens. */
function handleStopSignals(stops: ReadonlyArray<() => Promise<void>>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logLines.flush();
    process.stdout.write(`\n${signal}: stopping\n`);
    // A component that does not stop in time must not keep the process.
    setTimeout(() => {
      logLines.flush();
      process.stderr.write(`stop: not done after ${STOP_DEADLINE_MS} ms; exiting anyway\n`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    for (const step of stops) await step().catch((error: unknown) => process.stderr.write(`stop: ${String(error)}\n`));
    logLines.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** The bucket a module's S3 notifications are on: its one bucket (a stage's bucket notification names one). */
function notifiedBucket(contractFile: string, buckets: Record<string, string>): string {
  const names = Object.values(buckets);
  if (names.length !== 1) {
    throw new Error(
      `${contractFile}: x-lambda-s3-notifications need exactly one bucket in x-lambda-environment to be on; it names ${names.length}`,
    );
  }
  return names[0]!;
}

/** One clear line when this machine's Node is not the one the functions are declared for. */
function warnAboutNodeVersion(runtimes: LambdaRuntime[]): void {
  const host = Number(process.versions.node.split('.')[0]);
  const declared = [...new Set(runtimes)].filter((runtime) => LAMBDA_RUNTIMES[runtime].nodeMajor !== host);
  if (declared.length > 0) {
    process.stdout.write(
      `note: the functions declare ${declared.join(', ')}; this machine runs them on Node ${process.versions.node}${host < 22 ? ' (AWS SDK releases after the first week of January 2027 need Node 22)' : ''}\n`,
    );
  }
}

/** The endpoint with the host others reach it at (a wildcard bind address is not one). */
function advertised(endpoint: string, publicHost: string): string {
  const url = new URL(endpoint);
  if (isWildcardHost(url.hostname.replace(/^\[|\]$/g, ''))) url.hostname = publicHost;
  return url.origin;
}

main().catch((error: unknown) => {
  logLines.flush();
  process.stderr.write(`${startFailureLine(error)}\n`);
  process.exit(1);
});
