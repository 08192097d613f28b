// Starts the local emulator: DynamoDB and S3 emulators, the seeded table and
// bucket, the Lambda runtime with the contract's functions, the bucket's S3
// event notifications, and the HTTP API. The only file that listens.
import './sdk-node-warning.ts';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { FunctionEnvironment } from '../handlers/function-environment.ts';
import { loadCorsConfiguration } from './api-gateway/cors.ts';
import { buildApp } from './app.ts';
import { batchedLines } from './batched-lines.ts';
import { readOrCreateFile } from './auth/create-file-once.ts';
import { issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from './auth/local-issuer.ts';
import { jwksOf, loadOrCreateKeys } from './auth/local-keys.ts';
import { BUNDLE_NODE_OPTIONS } from '../build/function-bundles.ts';
import { LAMBDA_RUNTIMES, type LambdaRuntime } from '../contract-core/lambda-runtimes.ts';
import { boundFunctions, loadContract, type LambdaBinding } from '../contract-core/load-contract.ts';
import { createTable } from './dynamodb/create-table.ts';
import { startDynamoDb } from './dynamodb/start-dynamodb.ts';
import { createAsyncInvoker } from './lambda/async-invoke.ts';
import { createFunctionRuntime } from './lambda/function-runtime.ts';
import { firstUnavailablePort, inspectorPorts } from './lambda/inspector-ports.ts';
import type { FunctionCode } from './lambda/invocation.ts';
import { startLiveFunctionCode } from './lambda/live-function-code.ts';
import { unpackZips } from './lambda/zip-function-code.ts';
import { DEFAULT_STAGE, LOCAL_REGION, LOCAL_SESSION_TOKEN } from './local-aws.ts';
import { loadOrCreateS3Credentials } from './s3/emulator-credentials.ts';
import { createBucketNotifications, type BucketNotifications } from './s3/bucket-notifications.ts';
import { createEvidenceBucket } from './s3/create-evidence-bucket.ts';
import { startS3 } from './s3/start-s3.ts';
import { loadSeedData, seedTable } from './seed/seed-table.ts';
import { isWildcardHost, machineAddresses } from './lan-address.ts';
import { registerDocsPage } from './docs-page.ts';
import { inspectorLines, printBanner } from './banner.ts';
import { type MainOptions, PROJECT_ROOT, readOptions } from './main-options.ts';
import { registerConsole } from './console/console-routes.ts';
import { consoleDataRoutes } from './console/console-data.ts';
import { createInvocationRing } from './console/invocation-ring.ts';
import { asyncInvocationRecord, invocationRecord } from './console/invocation-record.ts';

/** How long start-up waits for the debugged functions' environments (Lambda's init limit). */
const INSPECTORS_READY_WAIT_MS = 10_000;

/** SIGTERM or SIGINT stops the emulator within 5 s, stuck components or not. */
const STOP_DEADLINE_MS = 4500;

/** Function and platform log lines, batched per turn of the event loop. */
const logLines = batchedLines(process.stdout);

async function main(): Promise<void> {
  const began = performance.now();
  const options = readOptions();
  const stage = DEFAULT_STAGE;
  const contract = loadContract(path.join(PROJECT_ROOT, 'openapi.yaml'), {
    projectRoot: PROJECT_ROOT,
    stage,
    jwtIssuer: options.stageIssuer?.issuer ?? LOCAL_ISSUER,
    jwtAudience: options.stageIssuer?.audience ?? LOCAL_AUDIENCE,
  });
  const keys = loadOrCreateKeys(options.keyDir);
  // The install's own S3 key (not the well-known local one): what the functions and the S3 front use.
  const s3Credentials = loadOrCreateS3Credentials(options.keyDir);
  // Created once and kept (atomically, like the issuer key), so that the cursors it signs stay valid across restarts.
  const cursorSecretFile = path.join(options.dataDir ?? options.keyDir, 'cursor-secret');
  const cursorSecret = readOrCreateFile(cursorSecretFile, () => randomBytes(32).toString('base64url')).trim();
  const functions = boundFunctions(contract);
  warnAboutNodeVersion(functions.map((fn) => fn.runtime));
  const inspectPorts = options.inspectPort
    ? inspectorPorts(
        functions.map((fn) => fn.functionName),
        options.inspectPort,
      )
    : undefined;
  const busyInspectPort = inspectPorts && (await firstUnavailablePort(inspectPorts.values()));
  if (busyInspectPort) {
    process.stderr.write(
      `emulator failed to start: --inspect needs ports ${options.inspectPort}-${options.inspectPort! + functions.length - 1} (one per function) and ${busyInspectPort} is taken (a debugged emulator still running?); choose another first port: npm start -- --inspect --inspect-port <n>\n`,
    );
    process.exit(1);
  }
  // A debugged function gets its next environment as soon as its code changes, for the debugger to attach before the next request.
  let codeChanged = (_functionNames: string[]): void => undefined;

  // Set once the functions can run; objects stored before that (none: nothing uploads during start-up) notify nothing.
  let notifications: BucketNotifications | undefined;
  // How long each component took to be ready, for the banner.
  // Listed in this order whatever order they finish in.
  const readyMs: Record<string, number> = { functions: 0, DynamoDB: 0, S3: 0, 'table+bucket+seed': 0, API: 0 };
  const timed = async <T>(component: string, work: Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await work;
    readyMs[component] = performance.now() - started;
    return value;
  };
  const [code, dynamo, s3] = await Promise.all([
    timed(
      'functions',
      startFunctionCode(options, functions, logLines.write, (names) => codeChanged(names)),
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
          wants: (bucket, key, way) => notifications?.wants(bucket, key, way) ?? false,
          objectCreated: (created) => notifications?.objectCreated(created),
        },
      }),
    ),
  ]);
  const stops: Array<() => Promise<void>> = [() => code.dispose(), () => s3.stop(), () => dynamo.stop()];
  const [{ tableName }, { bucketName }] = await timed(
    'table+bucket+seed',
    Promise.all([
      createTable({ endpoint: dynamo.endpoint, stage }).then(async (table) => {
        await seedTable({ endpoint: dynamo.endpoint, tableName: table.tableName });
        return table;
      }),
      createEvidenceBucket({ endpoint: s3.endpoint, stage, credentials: s3Credentials }),
    ]),
  );

  const settings: FunctionEnvironment = { TABLE_NAME: tableName, EVIDENCE_BUCKET: bucketName, CURSOR_SECRET: cursorSecret };
  const runtime = createFunctionRuntime({
    functions,
    ...(options.maxEnvironments ? { maxEnvironments: options.maxEnvironments } : {}),
    ...(options.maxEnvironmentsPerFunction ? { maxEnvironmentsPerFunction: options.maxEnvironmentsPerFunction } : {}),
    code: (functionName) => code.code(functionName),
    log: logLines.write,
    region: LOCAL_REGION,
    ...(inspectPorts ? { inspectPorts } : {}),
    environment: {
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
      ...settings,
    },
  });
  stops.unshift(() => runtime.dispose());
  if (inspectPorts) codeChanged = (names) => names.forEach((name) => void runtime.prepare(name));
  // The bucket's notifications invoke their functions as S3 does: asynchronously, retried on failure.
  // The dev console's memory: what the API answered and what S3 notifications ran.
  const ring = options.consoleSize > 0 ? createInvocationRing(options.consoleSize) : undefined;
  const invoker = createAsyncInvoker({
    runtime,
    retryDelaysMs: options.asyncRetryDelaysMs,
    log: logLines.write,
    ...(ring ? { observe: (attempt) => ring.add(asyncInvocationRecord(attempt)) } : {}),
  });
  stops.unshift(() => invoker.dispose());
  notifications = createBucketNotifications({ bucket: bucketName, notifications: contract.notifications, invoker, region: LOCAL_REGION });

  const app = buildApp({
    contract,
    runtime,
    jwks: options.stageIssuer?.jwks ?? jwksOf(keys),
    // The CORS configuration the deployed API imports (infra/modules/disputes/api.tf).
    cors: loadCorsConfiguration(path.join(PROJECT_ROOT, 'infra', 'api-cors.json')),
    logger: options.verbose,
    // Recorded after the response is on its way: the console never holds up the API.
    ...(ring ? { observe: (answered) => setImmediate(() => ring.add(invocationRecord(answered))) } : {}),
    // No 30 s integration timeout while a debugger may hold a function at a breakpoint.
    ...(inspectPorts ? { integrationTimeoutMs: Number.POSITIVE_INFINITY } : {}),
  });
  stops.unshift(() => app.close());
  const seed = loadSeedData();
  // The demo users and the contract suite's identities; not the load scripts' hundreds.
  const pickableUsers = seed.users.filter((user) => user.id < 10_000).map(({ id, name, role }) => ({ id, name, role }));
  const mintToken = options.stageIssuer
    ? undefined
    : (userId: number) => {
        const user = seed.users.find((candidate) => candidate.id === userId)!;
        return issueLocalToken({ keyDir: options.keyDir, sub: String(user.id), role: user.role, name: user.name });
      };
  registerDocsPage(app, {
    contractFile: path.join(PROJECT_ROOT, 'openapi.yaml'),
    users: pickableUsers,
    ...(mintToken ? { mintToken } : {}),
  });
  if (ring) {
    registerConsole(app, {
      ring,
      users: pickableUsers,
      openToLan: options.consoleOnLan,
      lanHosts: [options.publicHost, ...machineAddresses()],
      ...(mintToken ? { mintToken } : {}),
      dataRoutes: consoleDataRoutes({
        dynamodbEndpoint: dynamo.endpoint,
        tableName,
        s3Endpoint: s3.endpoint,
        bucketName,
        s3Credentials,
      }),
    });
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logLines.flush();
    process.stdout.write(`\n${signal}: stopping\n`);
    // A component that does not stop in time must not keep the process: it exits within STOP_DEADLINE_MS whatever happens.
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

  const address = await timed('API', app.listen({ port: options.port, host: options.host }));
  // Every function's inspector listening before the banner says so; an init that never ends (no init timeout
  // while debugging) holds the banner back no longer than Lambda's init limit would.
  if (inspectPorts) {
    await timed(
      'inspectors',
      Promise.race([
        Promise.all(functions.map((fn) => runtime.prepare(fn.functionName))),
        new Promise((resolve) => setTimeout(resolve, INSPECTORS_READY_WAIT_MS).unref()),
      ]),
    );
  }
  logLines.flush();
  printBanner({
    address,
    options,
    routeCount: contract.routes.length,
    notifications: contract.notifications,
    bootMs: performance.now() - began,
    codeFrom: code.startedFrom,
    dynamo: { endpoint: dynamo.endpoint, tableName },
    readyMs,
    inspectors: inspectPorts ? inspectorLines(inspectPorts, contract) : [],
  });
}

interface CodeSource {
  code(functionName: string): FunctionCode | Promise<FunctionCode>;
  startedFrom: string;
  dispose(): Promise<void>;
}

/** The built bundles, rebuilt on save (default), or the packaged zips as they are (`--zips`). */
async function startFunctionCode(
  options: MainOptions,
  functions: LambdaBinding[],
  log: (line: string) => void,
  onChange: (functionNames: string[]) => void,
): Promise<CodeSource> {
  if (options.zips) {
    const zips = unpackZips(path.join(PROJECT_ROOT, 'dist'), (template) => template.replaceAll('{stage}', DEFAULT_STAGE));
    try {
      // Every function the contract binds must be packaged (a dist/ older than the contract fails here, not on first use).
      for (const fn of functions) zips.code(fn.functionName);
    } catch (error) {
      zips.dispose();
      throw error;
    }
    return { code: zips.code, startedFrom: 'the packaged zips in dist/', dispose: async () => zips.dispose() };
  }
  const live = await startLiveFunctionCode({
    projectRoot: PROJECT_ROOT,
    functions,
    cacheDir: path.join(PROJECT_ROOT, '.emulator', 'functions'),
    watch: true,
    log,
    onChange,
  });
  return {
    code: live.code,
    startedFrom: live.startedFrom === 'cache' ? 'bundles reused (sources unchanged)' : 'bundles built now',
    dispose: live.dispose,
  };
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
  const code = (error as { code?: string }).code;
  const port = (error as { port?: number }).port;
  if (code === 'EADDRINUSE') {
    // The one start failure a newcomer meets most: say what to do, not only what happened.
    process.stderr.write(
      `emulator failed to start: port ${port ?? ''} is already in use (another emulator still running?); stop what uses it, or choose another: npm start -- --port <n> (the API) or --dynamodb-port <n>\n`,
    );
    process.exit(1);
  }
  // One line: the code once, the message without the code it may start with, its lines joined.
  const message = (error instanceof Error ? error.message : String(error))
    .replace(code ? `${code}: ` : '', '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== '^')
    .join(' ');
  const where = code?.startsWith('CONTRACT_ERR') ? ' openapi.yaml:' : '';
  process.stderr.write(`emulator failed to start${code ? ` (${code})` : ''}:${where} ${message}\n`);
  process.exit(1);
});
