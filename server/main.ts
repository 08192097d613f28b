// Starts the local emulator: DynamoDB and S3 emulators, the seeded table and
// bucket, the Lambda runtime with the contract's functions, the bucket's S3
// event notifications, and the HTTP API. The only file that listens.
import './sdk-node-warning.ts';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FunctionEnvironment } from '../handlers/function-environment.ts';
import { loadCorsConfiguration } from './api-gateway/cors.ts';
import { buildApp } from './app.ts';
import { batchedLines } from './batched-lines.ts';
import { readOrCreateFile } from './auth/create-file-once.ts';
import { defaultKeyDir, issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from './auth/local-issuer.ts';
import { type Jwks, jwksOf, loadOrCreateKeys } from './auth/local-keys.ts';
import { BUNDLE_NODE_OPTIONS } from '../build/function-bundles.ts';
import { LAMBDA_RUNTIMES, type LambdaRuntime } from './contract/lambda-runtimes.ts';
import { boundFunctions, loadContract, type LambdaBinding, type S3Notification } from './contract/load-contract.ts';
import { createTable } from './dynamodb/create-table.ts';
import { startDynamoDb } from './dynamodb/start-dynamodb.ts';
import { createAsyncInvoker, LOCAL_RETRY_DELAYS_MS } from './lambda/async-invoke.ts';
import { createFunctionRuntime } from './lambda/function-runtime.ts';
import { DEFAULT_INSPECT_PORT, firstUnavailablePort, inspectorPorts } from './lambda/inspector-ports.ts';
import type { FunctionCode } from './lambda/invocation.ts';
import { startLiveFunctionCode } from './lambda/live-function-code.ts';
import { unpackZips } from './lambda/zip-function-code.ts';
import { DEFAULT_STAGE, LOCAL_REGION, LOCAL_SESSION_TOKEN } from './local-aws.ts';
import { loadOrCreateS3Credentials } from './s3/emulator-credentials.ts';
import { createBucketNotifications, type BucketNotifications } from './s3/bucket-notifications.ts';
import { createEvidenceBucket } from './s3/create-evidence-bucket.ts';
import { startS3 } from './s3/start-s3.ts';
import { loadSeedData, seedTable } from './seed/seed-table.ts';
import { isWildcardHost, lanAddress, machineAddresses } from './lan-address.ts';
import { CLI_OPTIONS, helpText, parseArgsOptions } from './cli-options.ts';
import { registerDocsPage } from './docs-page.ts';
import { registerConsole } from './console/console-routes.ts';
import { consoleDataRoutes } from './console/console-data.ts';
import { createInvocationRing } from './console/invocation-ring.ts';
import { asyncInvocationRecord, invocationRecord } from './console/invocation-record.ts';

const DEFAULT_CONSOLE_SIZE = 200;

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm start -- [options]   (npm start -- --help lists them, each with an example)';

interface MainOptions {
  port: number;
  /** DynamoDB's port (0: a free one); a fixed one lets tools such as the contract suite's fixtures reach the table. */
  dynamodbPort: number;
  host: string;
  /** Where other devices reach this machine; used in the S3 URLs handed out in LAN mode. */
  publicHost: string;
  dataDir?: string;
  keyDir: string;
  /** Run the packaged zips of dist/ instead of building the sources. */
  zips: boolean;
  verbose: boolean;
  /** Waits before the retries of a failed asynchronous invocation (AWS: 60000,120000). */
  asyncRetryDelaysMs: readonly number[];
  /** Execution environments of all functions together at most (default: defaultMaxEnvironments()). */
  maxEnvironments?: number;
  /** Execution environments per function at most (default: defaultMaxEnvironmentsPerFunction()). */
  maxEnvironmentsPerFunction?: number;
  /** Requests the dev console keeps; 0: no console. */
  consoleSize: number;
  /** Serve the console to other machines too. */
  consoleOnLan: boolean;
  /** With --inspect: the first function's inspector port. */
  inspectPort?: number;
  /** Accept a stage's tokens instead of the local issuer's: its issuer, audience and public keys (a JWKS saved to a file). */
  stageIssuer?: { issuer: string; audience: string; jwks: Jwks };
}

/** --jwt-issuer, --jwt-audience and --jwks-file together, or none of them; exits with the usage otherwise. */
function stageIssuerSetting(issuer?: string, audience?: string, jwksFile?: string): MainOptions['stageIssuer'] {
  const given = [issuer, audience, jwksFile].filter((value) => value !== undefined).length;
  if (given === 0) return undefined;
  const fail = (why: string): never => {
    process.stderr.write(`${why}\n${USAGE}\n`);
    process.exit(2);
  };
  if (given < 3 || !issuer || !audience || !jwksFile) return fail('--jwt-issuer, --jwt-audience and --jwks-file go together');
  let jwks: unknown;
  try {
    jwks = JSON.parse(readFileSync(jwksFile, 'utf8'));
  } catch (error) {
    return fail(`--jwks-file ${jwksFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const keys = (jwks as Partial<Jwks> | null)?.keys;
  if (!Array.isArray(keys)) return fail(`--jwks-file ${jwksFile}: not a JWKS (no "keys" array)`);
  // The authorizer uses RSA keys with a kid only (HTTP API's JWT authorizer supports RSA signatures).
  if (!keys.some((key) => key.kty === 'RSA' && typeof key.kid === 'string')) {
    return fail(`--jwks-file ${jwksFile}: no RSA key with a kid, so no token could be verified`);
  }
  return { issuer, audience, jwks: jwks as Jwks };
}

/** A TCP port (0: a free one); exits with the usage when it is not one. */
function portSetting(option: string, value: string): number {
  const port = Number(value);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  process.stderr.write(`invalid --${option}: ${value}\n${USAGE}\n`);
  process.exit(2);
}

/** A whole number of at least 1 from an option or its variable; exits with the usage when it is not one. */
function countSetting(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (Number.isInteger(count) && count >= 1) return count;
  process.stderr.write(`invalid --${option}: ${value} (a whole number, at least 1)\n${USAGE}\n`);
  process.exit(2);
}

function readOptions(): MainOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ options: parseArgsOptions() }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values['help']) {
    process.stdout.write(helpText());
    process.exit(0);
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  loadEnvFile(text('dotenv'));
  // The option, else its environment variable (CLI_OPTIONS names it).
  const setting = (name: string): string | undefined => {
    const variable = CLI_OPTIONS.find((option) => option.name === name)?.variable;
    return text(name) ?? (variable ? process.env[variable] : undefined);
  };
  const port = portSetting('port', setting('port') ?? '3000');
  const dynamodbPort = portSetting('dynamodb-port', setting('dynamodb-port') ?? '0');
  const delays = setting('async-retry-delays');
  const asyncRetryDelaysMs =
    delays === undefined
      ? LOCAL_RETRY_DELAYS_MS
      : delays
          .split(',')
          .filter((part) => part !== '')
          .map(Number);
  if (asyncRetryDelaysMs.length > 2 || !asyncRetryDelaysMs.every((delay) => Number.isInteger(delay) && delay >= 0)) {
    process.stderr.write(`invalid --async-retry-delays: ${delays} (up to two waits in ms, e.g. 60000,120000)\n${USAGE}\n`);
    process.exit(2);
  }
  const maxEnvironments = countSetting('max-environments', setting('max-environments'));
  const maxEnvironmentsPerFunction = countSetting('max-environments-per-function', setting('max-environments-per-function'));
  // --inspect-port alone turns debugging on too; INSPECT_PORT (say from .env) only chooses the port.
  const inspectPort =
    values['inspect'] === true || text('inspect-port') !== undefined
      ? portSetting('inspect-port', setting('inspect-port') ?? String(DEFAULT_INSPECT_PORT))
      : undefined;
  if (inspectPort === 0) {
    process.stderr.write(`invalid --inspect-port: 0 (a debugger needs to know the ports: give the first one)\n${USAGE}\n`);
    process.exit(2);
  }
  const consoleSizeSetting = setting('console-size');
  const consoleSize = consoleSizeSetting === '0' ? 0 : (countSetting('console-size', consoleSizeSetting) ?? DEFAULT_CONSOLE_SIZE);
  const stageIssuer = stageIssuerSetting(setting('jwt-issuer'), setting('jwt-audience'), setting('jwks-file'));
  const dataDirSetting = setting('data-dir');
  const dataDir = dataDirSetting ? path.resolve(dataDirSetting) : undefined;
  const host = setting('host') ?? '127.0.0.1';
  return {
    port,
    dynamodbPort,
    host,
    publicHost: setting('public-host') ?? (isWildcardHost(host) ? (lanAddress() ?? '127.0.0.1') : '127.0.0.1'),
    ...(dataDir ? { dataDir } : {}),
    keyDir: path.resolve(setting('key-dir') ?? defaultKeyDir(PROJECT_ROOT)),
    zips: values['zips'] === true,
    verbose: values['verbose'] === true,
    asyncRetryDelaysMs,
    ...(maxEnvironments ? { maxEnvironments } : {}),
    ...(maxEnvironmentsPerFunction ? { maxEnvironmentsPerFunction } : {}),
    ...(stageIssuer ? { stageIssuer } : {}),
    ...(inspectPort ? { inspectPort } : {}),
    consoleSize,
    consoleOnLan: values['console-on-lan'] === true,
  };
}

/**
 * Settings from a file of VARIABLE=value lines: --dotenv, or `.env` in the
 * project folder when there is one (`--dotenv none`: neither, as the tests start it). A variable already set in the environment
 * keeps its value (Node's process.loadEnvFile does not overwrite).
 */
function loadEnvFile(file: string | undefined): void {
  if (file === 'none') return;
  const chosen = file ?? (existsSync(path.join(PROJECT_ROOT, '.env')) ? path.join(PROJECT_ROOT, '.env') : undefined);
  if (!chosen) return;
  try {
    process.loadEnvFile(chosen);
  } catch (error) {
    process.stderr.write(`settings file ${chosen}: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}

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
  printBanner(
    address,
    options,
    contract.routes.length,
    contract.notifications,
    performance.now() - began,
    code.startedFrom,
    {
      endpoint: dynamo.endpoint,
      tableName,
    },
    readyMs,
    inspectPorts ? inspectorLines(inspectPorts, contract) : [],
  );
}

/** Per debugged function: its port, and what invokes it (routes, or the bucket's notification). */
function inspectorLines(ports: ReadonlyMap<string, number>, contract: ReturnType<typeof loadContract>): string[] {
  const callers = (functionName: string): string =>
    [
      ...contract.routes.filter((route) => route.lambda.functionName === functionName).map((route) => route.routeKey),
      ...contract.notifications.filter((notification) => notification.lambda.functionName === functionName).map(() => 'S3 notification'),
    ].join(', ');
  return [
    "  debugger: each function's inspector at 127.0.0.1:<port>; no timeouts while debugging (README: Debugging a handler)",
    ...[...ports].map(([functionName, port]) => `    ${port}  ${callers(functionName).padEnd(34)}  ${functionName}`),
  ];
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

function printBanner(
  address: string,
  options: MainOptions,
  routeCount: number,
  notifications: readonly S3Notification[],
  bootMs: number,
  codeFrom: string,
  dynamo: { endpoint: string; tableName: string },
  readyMs: Record<string, number>,
  inspectors: readonly string[],
): void {
  const users = loadSeedData().users;
  const shown = users.slice(0, 6).map((user) => `    ${String(user.id).padStart(3)}  ${user.role.padEnd(8)}  ${user.name}`);
  const retries =
    options.asyncRetryDelaysMs.length === 0
      ? 'no retries'
      : `retries after ${options.asyncRetryDelaysMs.map((ms) => `${ms / 1000} s`).join(', ')}`;
  // On a wildcard address, the one to show is the one others reach (the bind address is no URL to use).
  const shownAddress = isWildcardHost(options.host) ? `http://${options.publicHost}:${new URL(address).port}` : address;
  const lines = [
    `Disputes API emulator listening on ${shownAddress}  (${routeCount} routes, ready in ${Math.round(bootMs)} ms)`,
    `  ready: ${Object.entries(readyMs)
      .map(([component, ms]) => `${component} ${Math.round(ms)} ms`)
      .join(', ')}`,
    ...notifications.map(
      (notification) =>
        `  S3 ${notification.events.join(' ')} on ${notification.filterPrefix || '(any key)'}${notification.filterSuffix ? ` …${notification.filterSuffix}` : ''} → ${notification.lambda.functionName} (async, ${retries})`,
    ),
    isWildcardHost(options.host)
      ? `  open to the local network (--host ${options.host}): the app uses http://${options.publicHost}:${new URL(address).port}`
      : '',
    `  code: ${codeFrom}${options.zips ? '' : '; a saved change reloads the functions'}`,
    ...inspectors,
    `  data: ${options.dataDir ?? 'in memory (use --data-dir <dir> to keep it)'}`,
    `  DynamoDB: ${dynamo.endpoint}  (table ${dynamo.tableName})`,
    options.stageIssuer
      ? `  tokens: the stage's, from ${options.stageIssuer.issuer} (audience ${options.stageIssuer.audience}); local ones are refused`
      : `  token: npm run -s token -- --user 1      (Authorization: Bearer <token>)`,
    // The token picker works for a browser on this machine only, so the docs link is the local one.
    `  docs:  ${address}/docs  (Swagger UI; the contract at /openapi.yaml)`,
    options.consoleSize > 0
      ? `  console: ${address}/_console  (the last ${options.consoleSize} requests, live; ${options.consoleOnLan ? 'open to the network (--console-on-lan)' : 'this machine only'})`
      : '',
    `  JWKS:  ${address}/.well-known/jwks.json`,
    '  seed users:',
    ...shown,
    users.length > shown.length ? `    … and ${users.length - shown.length} more (contract-test identities and load-test users)` : '',
  ];
  process.stdout.write(`${lines.filter((line) => line !== '').join('\n')}\n`);
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
