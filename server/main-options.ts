// The emulator's settings: its options (cli-options.ts lists them), each
// falling back to its environment variable and to a .env file; a wrong value
// exits with one line and the usage.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultKeyDir } from './auth/local-issuer.ts';
import type { Jwks } from './auth/local-keys.ts';
import { parseJwks } from './auth/parse-jwks.ts';
import { CLI_OPTIONS, helpText, parseArgsOptions } from './cli-options.ts';
import { LOCAL_RETRY_DELAYS_MS } from './lambda/async-invoke.ts';
import { DEFAULT_INSPECT_PORT } from './lambda/inspector-ports.ts';
import { isWildcardHost, lanAddress } from './lan-address.ts';

const DEFAULT_CONSOLE_SIZE = 200;
/** HTTP API's integration timeout. */
const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm start -- [options]   (npm start -- --help lists them, each with an example)';

export interface MainOptions {
  /** The modules' folders, absolute; this project's folder when none is given. */
  modules: string[];
  /** Hybrid mode: the stage a request no contract route takes is forwarded to, and how long it may take to answer. */
  upstream?: { url: URL; timeoutMs: number };
  /** Which claims carry the caller's id and role, when set (USER_ID_CLAIM, ROLE_CLAIMS): for the functions and the console's labels. */
  claimNames: { userId?: string; roles?: string };
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
  /** Execution environments of all functions together at most, beside the memory budget (default: no cap). */
  maxEnvironments?: number;
  /** Execution environments per function at most, a reserved concurrency (default: unreserved). */
  maxEnvironmentsPerFunction?: number;
  /** MB the emulator's processes may hold with a new environment (default: defaultMemoryBudgetMb()). */
  memoryBudgetMb?: number;
  /** Requests the dev console keeps; 0: no console. */
  consoleSize: number;
  /** Serve the console to other machines too. */
  consoleOnLan: boolean;
  /** With --inspect: the first function's inspector port. */
  inspectPort?: number;
  /**
   * Accept a stage's tokens beside the local issuer's: its issuer, audience, and public keys from a file (`jwks`),
   * else fetched at start from `jwksUrl` or the issuer's discovery document.
   */
  stageIssuer?: { issuer: string; audience: string; jwks?: Jwks; jwksUrl?: string };
}

/**
 * --jwt-issuer with --jwt-audience, or neither; their keys from --jwks-file, or fetched (discovery, or --jwks-url).
 * Exits with the usage otherwise.
 */
function stageIssuerSetting(issuer?: string, audience?: string, jwksFile?: string, jwksUrl?: string): MainOptions['stageIssuer'] {
  if ([issuer, audience, jwksFile, jwksUrl].every((value) => value === undefined)) return undefined;
  const fail = (why: string): never => {
    process.stderr.write(`${why}\n${USAGE}\n`);
    process.exit(2);
  };
  if (!issuer || !audience) return fail('--jwt-issuer and --jwt-audience go together (--jwks-file and --jwks-url need them)');
  if (jwksFile !== undefined && jwksUrl !== undefined)
    return fail('--jwks-file and --jwks-url: one or the other (a file is never fetched)');
  if (jwksUrl !== undefined && !URL.canParse(jwksUrl)) return fail(`invalid --jwks-url: ${jwksUrl}`);
  if (jwksFile === undefined) return { issuer, audience, ...(jwksUrl ? { jwksUrl } : {}) };
  try {
    return { issuer, audience, jwks: parseJwks(JSON.parse(readFileSync(jwksFile, 'utf8'))) };
  } catch (error) {
    return fail(`--jwks-file ${jwksFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The stage of --upstream: an http(s) URL; exits with the usage when it is not one. */
function upstreamSetting(url: string | undefined, timeout: string | undefined): MainOptions['upstream'] {
  if (url === undefined || url === '') return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
    process.stderr.write(
      `invalid --upstream: ${url} (the stage's http(s) URL, e.g. https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com)\n${USAGE}\n`,
    );
    process.exit(2);
  }
  return { url: parsed, timeoutMs: countSetting('upstream-timeout', timeout) ?? DEFAULT_UPSTREAM_TIMEOUT_MS };
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

export function readOptions(): MainOptions {
  let values: Record<string, string | boolean | Array<string | boolean> | undefined>;
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
  const memoryBudgetMb = countSetting('memory-budget', setting('memory-budget'));
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
  const stageIssuer = stageIssuerSetting(setting('jwt-issuer'), setting('jwt-audience'), setting('jwks-file'), setting('jwks-url'));
  const dataDirSetting = setting('data-dir');
  const dataDir = dataDirSetting ? path.resolve(dataDirSetting) : undefined;
  const host = setting('host') ?? '127.0.0.1';
  const moduleValues = values['module'];
  const moduleList = Array.isArray(moduleValues)
    ? moduleValues.map(String)
    : (process.env['MODULES'] ?? '').split(',').filter((dir) => dir.trim() !== '');
  const upstream = upstreamSetting(setting('upstream'), setting('upstream-timeout'));
  const userIdClaim = setting('user-id-claim');
  const roleClaims = setting('role-claims');
  return {
    modules: (moduleList.length > 0 ? moduleList : [PROJECT_ROOT]).map((dir) => path.resolve(dir.trim())),
    ...(upstream ? { upstream } : {}),
    claimNames: { ...(userIdClaim ? { userId: userIdClaim } : {}), ...(roleClaims ? { roles: roleClaims } : {}) },
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
    ...(memoryBudgetMb ? { memoryBudgetMb } : {}),
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
