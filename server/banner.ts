// What the emulator prints once it is ready: where it listens, how long each
// component took, what it runs, where the data, tokens, docs and console are,
// the seed users, and with --inspect each function's debugging port.
import type { Contract, S3Notification } from '../contract-core/load-contract.ts';
import { isWildcardHost } from './lan-address.ts';
import type { MainOptions } from './main-options.ts';
import type { LocalUser } from './modules/module-plugin.ts';
import { concurrencyLine, type ConcurrencyBounds } from './lambda/concurrency-bounds.ts';

/** Per debugged function: its port, and what invokes it (routes, or the bucket's notification). */
export function inspectorLines(
  ports: ReadonlyMap<string, number>,
  contracts: ReadonlyArray<Pick<Contract, 'routes' | 'notifications'>>,
): string[] {
  const contract = { routes: contracts.flatMap((c) => c.routes), notifications: contracts.flatMap((c) => c.notifications) };
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

/** What the banner tells: one object, each field named. */
export interface BannerInfo {
  address: string;
  options: MainOptions;
  modules: ReadonlyArray<{
    name: string;
    title: string;
    contractFile: string;
    routeCount: number;
    notifications: readonly S3Notification[];
    tables: readonly string[];
    buckets: readonly string[];
  }>;
  bootMs: number;
  codeFrom: string;
  dynamodbEndpoint: string;
  readyMs: Record<string, number>;
  inspectors: readonly string[];
  /** Who the local issuer signs tokens for (every module's). */
  users: readonly LocalUser[];
  /** The Lambda service's bounds in force, and what the emulator holds as it starts. */
  concurrency: { bounds: ConcurrencyBounds; usedMb: number };
  /** With --jwt-issuer, where its keys came from: --jwks-file, the issuer now, or the disk copy (the issuer unreachable). */
  stageKeys?:
    | { from: 'file' }
    | { from: 'issuer'; jwksUrl: string; file: string }
    | { from: 'copy'; file: string; ageMs: number; why: string };
}

export function bannerLines(info: BannerInfo): string[] {
  const { address, options, users } = info;
  const shown = users.slice(0, 6).map((user) => `    ${String(user.id).padStart(3)}  ${user.role.padEnd(8)}  ${user.name}`);
  const retries =
    options.asyncRetryDelaysMs.length === 0
      ? 'no retries'
      : `retries after ${options.asyncRetryDelaysMs.map((ms) => `${ms / 1000} s`).join(', ')}`;
  // On a wildcard address, the one to show is the one others reach (the bind address is no URL to use).
  const shownAddress = isWildcardHost(options.host) ? `http://${options.publicHost}:${new URL(address).port}` : address;
  const routeCount = info.modules.reduce((sum, module) => sum + module.routeCount, 0);
  const title = info.modules.length === 1 ? `${info.modules[0]!.title} emulator` : `API emulator (${info.modules.length} modules)`;
  const lines = [
    `${title} listening on ${shownAddress}  (${routeCount} routes, ready in ${Math.round(info.bootMs)} ms)`,
    `  ready: ${Object.entries(info.readyMs)
      .map(([component, ms]) => `${component} ${Math.round(ms)} ms`)
      .join(', ')}`,
    ...info.modules.flatMap((module) => [
      ...(info.modules.length > 1 ? [`  module ${module.name}: ${module.routeCount} routes from ${module.contractFile}`] : []),
      ...module.notifications.map(
        (notification) =>
          `  S3 ${notification.events.join(' ')} on ${notification.filterPrefix || '(any key)'}${notification.filterSuffix ? ` …${notification.filterSuffix}` : ''} → ${notification.lambda.functionName} (async, ${retries})`,
      ),
    ]),
    isWildcardHost(options.host)
      ? `  open to the local network (--host ${options.host}): the app uses http://${options.publicHost}:${new URL(address).port}`
      : '',
    options.upstream
      ? `  upstream: what no route above takes goes to ${options.upstream.url.origin} (answer within ${options.upstream.timeoutMs / 1000} s, else 504)`
      : '',
    `  code: ${info.codeFrom}${options.zips ? '' : '; a saved change reloads the functions'}`,
    ...info.inspectors,
    concurrencyLine(info.concurrency.bounds, info.concurrency.usedMb),
    `  data: ${options.dataDir ?? 'in memory (use --data-dir <dir> to keep it)'}`,
    `  DynamoDB: ${info.dynamodbEndpoint}  (${plural(
      'table',
      info.modules.flatMap((module) => module.tables),
    )})`,
    options.stageIssuer
      ? `  tokens: the stage's, from ${options.stageIssuer.issuer} (audience ${options.stageIssuer.audience}), and local ones`
      : '',
    stageKeysLine(info.stageKeys),
    `  token: npm run -s token -- --user ${users[0]?.id ?? 1}      (Authorization: Bearer <token>)`,
    // The token picker works for a browser on this machine only, so the docs link is the local one.
    `  docs:  ${address}/docs  (Swagger UI; ${info.modules.length === 1 ? 'the contract at /openapi.yaml' : 'one entry per module'})`,
    options.consoleSize > 0
      ? `  console: ${address}/_console  (the last ${options.consoleSize} requests, live; ${options.consoleOnLan ? 'open to the network (--console-on-lan)' : 'this machine only'})`
      : '',
    `  JWKS:  ${address}/.well-known/jwks.json`,
    users.length > 0 ? '  seed users:' : '',
    ...shown,
    users.length > shown.length ? `    … and ${users.length - shown.length} more (the console's Tokens view lists them all)` : '',
  ];
  return lines.filter((line) => line !== '');
}

function stageKeysLine(keys: BannerInfo['stageKeys']): string {
  if (!keys) return '';
  if (keys.from === 'file') return '  stage keys: from --jwks-file';
  if (keys.from === 'issuer') return `  stage keys: fetched from ${keys.jwksUrl}, kept in ${keys.file}`;
  return `  stage keys: OFFLINE, the copy in ${keys.file} fetched ${age(keys.ageMs)} ago (${keys.why})`;
}

/** A duration as a person says it: the largest unit that fits. */
export function age(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 2 * 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

export function printBanner(info: BannerInfo): void {
  process.stdout.write(`${bannerLines(info).join('\n')}\n`);
}

const plural = (noun: string, names: readonly string[]): string =>
  names.length === 0 ? `no ${noun}s` : `${noun}${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
