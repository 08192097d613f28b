// What the emulator prints once it is ready: where it listens, how long each
// component took, what it runs, where the data, tokens, docs and console are,
// the seed users, and with --inspect each function's debugging port.
import type { loadContract, S3Notification } from '../contract-core/load-contract.ts';
import { isWildcardHost } from './lan-address.ts';
import type { MainOptions } from './main-options.ts';
import { loadSeedData, type SeedUser } from './seed/seed-table.ts';

/** Per debugged function: its port, and what invokes it (routes, or the bucket's notification). */
export function inspectorLines(ports: ReadonlyMap<string, number>, contract: ReturnType<typeof loadContract>): string[] {
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

/** What the banner shows. */
export interface BannerInfo {
  /** The address the API listens on. */
  address: string;
  options: Pick<
    MainOptions,
    'host' | 'publicHost' | 'zips' | 'dataDir' | 'asyncRetryDelaysMs' | 'stageIssuer' | 'consoleSize' | 'consoleOnLan'
  >;
  routeCount: number;
  notifications: readonly (Pick<S3Notification, 'events' | 'filterPrefix' | 'filterSuffix'> & {
    lambda: Pick<S3Notification['lambda'], 'functionName'>;
  })[];
  /** From the start of the process until ready. */
  bootMs: number;
  /** Where the functions' code comes from. */
  codeFrom: string;
  dynamo: { endpoint: string; tableName: string };
  /** How long each component took to be ready. */
  readyMs: Record<string, number>;
  /** inspectorLines() with --inspect, none otherwise. */
  inspectors: readonly string[];
  /** The seed users, the first few of which are listed. */
  users: readonly Pick<SeedUser, 'id' | 'role' | 'name'>[];
}

/** Prints the banner, with the seed data's users. */
export function printBanner(info: Omit<BannerInfo, 'users'>): void {
  const lines = bannerLines({ ...info, users: loadSeedData().users });
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The banner's lines, those with nothing to say left out. */
export function bannerLines({
  address,
  options,
  routeCount,
  notifications,
  bootMs,
  codeFrom,
  dynamo,
  readyMs,
  inspectors,
  users,
}: BannerInfo): string[] {
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
  return lines.filter((line) => line !== '');
}
