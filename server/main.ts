// Starts the local emulator: every module it serves (`--module`, this
// project's by default) on one origin. DynamoDB and S3 emulators, each
// module's tables, buckets and seed, the Lambda runtime with every contract's
// functions, the buckets' S3 event notifications, the HTTP API, the docs page
// and the console. The only file that listens; main() only composes.
import './sdk-node-warning.ts';
import path from 'node:path';
import { LAMBDA_RUNTIMES, type LambdaRuntime } from '../contract-core/lambda-runtimes.ts';
import { boundFunctions, type LambdaBinding } from '../contract-core/load-contract.ts';
import { loadCorsConfiguration } from './api-gateway/cors.ts';
import { buildApp } from './app.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from './auth/local-issuer.ts';
import { type Jwks, jwksOf, loadOrCreateKeys } from './auth/local-keys.ts';
import { openStageKeys, type StageKeys, StageKeysUnavailable } from './auth/stage-keys.ts';
import { type BannerInfo, inspectorLines, printBanner } from './banner.ts';
import { budgetTooSmall, emulatorMemoryMb, type ConcurrencyBounds } from './lambda/concurrency-bounds.ts';
import { defaultMemoryBudgetMb } from './lambda/memory-gauge.ts';
import { batchedLines } from './batched-lines.ts';
import { asyncInvocationRecord } from './console/invocation-record.ts';
import { createInvocationRing } from './console/invocation-ring.ts';
import { registerDevPages } from './dev-pages.ts';
import { createAsyncInvoker } from './lambda/async-invoke.ts';
import { createFunctionRuntime, type FunctionRuntime } from './lambda/function-runtime.ts';
import { functionSettings } from './lambda/function-settings.ts';
import { reserveInspectorPorts, waitForInspectors } from './lambda/inspector-start.ts';
import { DEFAULT_STAGE, LOCAL_REGION } from './local-aws.ts';
import { type MainOptions, PROJECT_ROOT, readOptions } from './main-options.ts';
import { moduleNotifications } from './modules/module-notifications.ts';
import { type ProvisionedModule, provisionModules } from './modules/provision-modules.ts';
import { listedUsers, loadServedModules, localUsers } from './modules/served-modules.ts';
import { readyTimes } from './ready-times.ts';
import type { BucketNotifications } from './s3/bucket-notifications.ts';
import { loadOrCreateS3Credentials } from './s3/emulator-credentials.ts';
import type { S3Credentials } from './s3/emulator-signer.ts';
import { startFailureLine } from './start-failure.ts';
import { type Services, startServices } from './start-services.ts';

/** SIGTERM or SIGINT stops the emulator within 5 s, stuck components or not. */
const STOP_DEADLINE_MS = 4500;

/** Function and platform log lines, batched per turn of the event loop. */
const logLines = batchedLines(process.stdout);

async function main(): Promise<void> {
  const began = performance.now();
  const options = readOptions();
  const stageKeys = await stageKeysOf(options);
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
  const ready = readyTimes(['functions', 'DynamoDB', 'S3', 'tables+buckets+seed', 'API']);
  // Both known only once the functions can run: a debugged function's next environment is started as soon as
  // its code changes, and no object is stored during start-up (nothing uploads yet) to notify anyone.
  let codeChanged = (_functionNames: string[]): void => undefined;
  let notifications: BucketNotifications[] = [];

  const services = await startServices({
    options,
    home: PROJECT_ROOT,
    modules,
    stage,
    s3Credentials,
    log: logLines.write,
    onCodeChange: (names) => codeChanged(names),
    objectCreated: {
      wants: (bucket, key, way) => notifications.some((notified) => notified.wants(bucket, key, way)),
      objectCreated: (created) => {
        for (const notified of notifications) notified.objectCreated(created);
      },
    },
    ready,
  });
  const { stops } = services;
  const provisioned = await ready.timed(
    'tables+buckets+seed',
    provisionModules(
      modules,
      {
        stage,
        dynamodbEndpoint: services.dynamodbEndpoint,
        s3Endpoint: services.s3Endpoint,
        s3Credentials,
        // Kept with the data when there is a data dir, so that what a secret signed (cursors) stays valid with it.
        secretDir: options.dataDir ?? options.keyDir,
      },
      services,
    ),
  );

  // Read once (a walk of /proc): for the budget's check and the banner.
  const startMemoryMb = emulatorMemoryMb();
  const bounds = concurrencyBounds(options, startMemoryMb);
  const runtime = startRuntime(options, bounds, functions, services, provisioned, s3Credentials, inspectPorts);
  stops.unshift(() => runtime.dispose());
  if (inspectPorts) codeChanged = (names) => names.forEach((name) => void runtime.prepare(name));
  // The dev console's memory: what the API answered and what S3 notifications ran.
  const ring = options.consoleSize > 0 ? createInvocationRing(options.consoleSize) : undefined;
  const invoker = createAsyncInvoker({
    runtime,
    retryDelaysMs: options.asyncRetryDelaysMs,
    log: logLines.write,
    ...(ring ? { observe: (attempt) => ring.add(asyncInvocationRecord(attempt)) } : {}),
  });
  stops.unshift(() => invoker.dispose());
  notifications = moduleNotifications(provisioned, invoker);

  const app = buildApp({
    // Each with the CORS configuration its deployed API imports (infra/api-cors.json).
    apis: modules.map((module) => ({
      contract: module.contract,
      ...(module.corsFile ? { cors: loadCorsConfiguration(module.corsFile) } : {}),
    })),
    runtime,
    jwks: jwksOf(keys),
    ...(stageKeys ? { stageKeys: stageKeys.keys } : {}),
    logger: options.verbose,
    ...(options.upstream ? { upstream: options.upstream } : {}),
    // No 30 s integration timeout while a debugger may hold a function at a breakpoint.
    ...(inspectPorts ? { integrationTimeoutMs: Number.POSITIVE_INFINITY } : {}),
  });
  stops.unshift(() => app.close());
  const users = listedUsers(localUsers(modules));
  registerDevPages(app, { options, provisioned, users, runtime, services, ...(ring ? { ring } : {}) });
  handleStopSignals(stops);

  const address = await ready.timed('API', app.listen({ port: options.port, host: options.host }));
  if (inspectPorts) await ready.timed('inspectors', waitForInspectors(runtime, functions));
  logLines.flush();
  printBanner({
    address,
    options,
    modules: bannerModules(provisioned),
    bootMs: performance.now() - began,
    codeFrom: services.code.startedFrom,
    dynamodbEndpoint: services.dynamodbEndpoint,
    readyMs: ready.readyMs,
    inspectors: inspectPorts
      ? inspectorLines(
          inspectPorts,
          modules.map((module) => module.contract),
        )
      : [],
    users,
    concurrency: { bounds, usedMb: startMemoryMb },
    ...(stageKeys ? { stageKeys: stageKeys.told } : {}),
  });
}

/**
 * A stage issuer's keys: from --jwks-file, else fetched (or the disk copy when the issuer cannot be reached).
 * Neither: one line saying what to do, exit 2.
 */
async function stageKeysOf(
  options: MainOptions,
): Promise<{ keys: Jwks | StageKeys; told: NonNullable<BannerInfo['stageKeys']> } | undefined> {
  const stage = options.stageIssuer;
  if (!stage) return undefined;
  if (stage.jwks) return { keys: stage.jwks, told: { from: 'file' } };
  try {
    const keys = await openStageKeys({
      issuer: stage.issuer,
      ...(stage.jwksUrl ? { jwksUrl: stage.jwksUrl } : {}),
      keyDir: options.keyDir,
      clock: Date.now,
      report: (line) => process.stderr.write(`[api-gateway] ${line}\n`),
    });
    const { jwksUrl, file, fetchedAt, offline } = keys.origin();
    return {
      keys,
      told: offline ? { from: 'copy', file, ageMs: Date.now() - fetchedAt, why: offline } : { from: 'issuer', jwksUrl, file },
    };
  } catch (error) {
    if (!(error instanceof StageKeysUnavailable)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

/** The Lambda runtime with every module's functions, each with Lambda's variables and its module's settings. */
function startRuntime(
  options: MainOptions,
  bounds: ConcurrencyBounds,
  functions: readonly LambdaBinding[],
  services: Services,
  provisioned: readonly ProvisionedModule[],
  s3Credentials: S3Credentials,
  inspectPorts: ReadonlyMap<string, number> | undefined,
): FunctionRuntime {
  return createFunctionRuntime({
    functions,
    ...(bounds.maxEnvironments ? { maxEnvironments: bounds.maxEnvironments } : {}),
    ...(bounds.maxEnvironmentsPerFunction ? { maxEnvironmentsPerFunction: bounds.maxEnvironmentsPerFunction } : {}),
    memoryBudgetMb: bounds.budgetMb,
    code: (functionName) => services.code.code(functionName),
    log: logLines.write,
    region: LOCAL_REGION,
    ...(inspectPorts ? { inspectPorts } : {}),
    environment: functionSettings({
      s3Credentials,
      dynamodbEndpoint: services.dynamodbEndpoint,
      s3Endpoint: services.s3Endpoint,
      publicHost: options.publicHost,
      claimNames: options.claimNames,
      moduleSettings: new Map(
        provisioned.flatMap(({ module, made }) => boundFunctions(module.contract).map((fn) => [fn.functionName, made.environment])),
      ),
    }),
  });
}

/** The bounds from the options; a memory budget that cannot hold the emulator and one environment: one line, exit 2. */
function concurrencyBounds(options: MainOptions, emulatorMb: number): ConcurrencyBounds {
  const budgetMb = options.memoryBudgetMb ?? defaultMemoryBudgetMb();
  const tooSmall = budgetTooSmall(budgetMb, emulatorMb);
  if (tooSmall) {
    logLines.flush();
    process.stderr.write(`${tooSmall}\n`);
    process.exit(2);
  }
  return {
    budgetMb,
    budgetChosen: options.memoryBudgetMb !== undefined,
    ...(options.maxEnvironments ? { maxEnvironments: options.maxEnvironments } : {}),
    ...(options.maxEnvironmentsPerFunction ? { maxEnvironmentsPerFunction: options.maxEnvironmentsPerFunction } : {}),
  };
}

/** What the banner says of each module. */
function bannerModules(provisioned: readonly ProvisionedModule[]): BannerInfo['modules'] {
  return provisioned.map(({ module, made }) => ({
    name: module.name,
    title: module.contract.title,
    contractFile: path.relative(process.cwd(), module.contractFile) || module.contractFile,
    routeCount: module.contract.routes.length,
    notifications: module.contract.notifications,
    tables: Object.values(made.tables),
    buckets: Object.values(made.buckets),
  }));
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

main().catch((error: unknown) => {
  logLines.flush();
  process.stderr.write(`${startFailureLine(error)}\n`);
  process.exit(1);
});
