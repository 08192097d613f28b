import assert from 'node:assert/strict';
import { test } from 'node:test';
import { age, bannerLines, type BannerInfo } from './banner.ts';

const USERS = Array.from({ length: 8 }, (_, i) => ({ id: i + 1, role: 'client' as const, name: `User ${i + 1}` }));

const NOTIFICATION = {
  id: 'scan',
  events: ['s3:ObjectCreated:*'],
  filterPrefix: 'evidence/',
  filterSuffix: '',
  lambda: { functionName: 'scan-evidence-local' },
} as unknown as BannerInfo['modules'][number]['notifications'][number];

const info = (more: Partial<BannerInfo> = {}, options: Partial<BannerInfo['options']> = {}): BannerInfo => ({
  address: 'http://127.0.0.1:3000',
  options: {
    modules: ['/work/disputes'],
    claimNames: {},
    port: 3000,
    dynamodbPort: 0,
    keyDir: '/tmp/keys',
    verbose: false,
    host: '127.0.0.1',
    publicHost: '192.168.1.20',
    zips: false,
    asyncRetryDelaysMs: [1000, 2000],
    consoleSize: 200,
    consoleOnLan: false,
    ...options,
  },
  modules: [
    {
      name: 'disputes-api',
      title: 'Disputes API',
      contractFile: 'openapi.yaml',
      routeCount: 17,
      notifications: [NOTIFICATION],
      tables: ['disputes'],
      buckets: ['evidence'],
    },
  ],
  bootMs: 812.4,
  codeFrom: 'the sources, built',
  dynamodbEndpoint: 'http://127.0.0.1:8000',
  readyMs: { DynamoDB: 120.6, API: 40.2 },
  inspectors: [],
  users: USERS,
  concurrency: { bounds: { budgetMb: 6026, budgetChosen: false }, usedMb: 171.6 },
  ...more,
});

test('the banner on this machine: address, timings, notifications, code, data, tokens, docs, console, seed users', () => {
  assert.deepEqual(bannerLines(info()), [
    'Disputes API emulator listening on http://127.0.0.1:3000  (17 routes, ready in 812 ms)',
    '  ready: DynamoDB 121 ms, API 40 ms',
    '  S3 s3:ObjectCreated:* on evidence/ → scan-evidence-local (async, retries after 1 s, 2 s)',
    '  code: the sources, built; a saved change reloads the functions',
    "  functions: an environment per concurrent request, within a memory budget of 6026 MB (a quarter of this machine's memory; --memory-budget); the emulator holds 172 MB now",
    '  data: in memory (use --data-dir <dir> to keep it)',
    '  DynamoDB: http://127.0.0.1:8000  (table disputes)',
    '  token: npm run -s token -- --user 1      (Authorization: Bearer <token>)',
    '  docs:  http://127.0.0.1:3000/docs  (Swagger UI; the contract at /openapi.yaml)',
    '  console: http://127.0.0.1:3000/_console  (the last 200 requests, live; this machine only)',
    '  JWKS:  http://127.0.0.1:3000/.well-known/jwks.json',
    '  seed users:',
    '      1  client    User 1',
    '      2  client    User 2',
    '      3  client    User 3',
    '      4  client    User 4',
    '      5  client    User 5',
    '      6  client    User 6',
    "    … and 2 more (the console's Tokens view lists them all)",
  ]);
});

test('on the local network: the address others reach is shown, and the console says where it is served', () => {
  const lines = bannerLines(info({}, { host: '0.0.0.0', consoleOnLan: true }));
  assert.equal(lines[0], 'Disputes API emulator listening on http://192.168.1.20:3000  (17 routes, ready in 812 ms)');
  assert.ok(lines.includes('  open to the local network (--host 0.0.0.0): the app uses http://192.168.1.20:3000'));
  assert.ok(
    lines.includes('  console: http://127.0.0.1:3000/_console  (the last 200 requests, live; open to the network (--console-on-lan))'),
  );
});

test('zips, a data directory, no retries, no console, a stage issuer, inspectors, few users: each shows, nothing empty is left', () => {
  const lines = bannerLines(
    info(
      {
        inspectors: ['  debugger: …', '    9230  GET /disputes  list-disputes-local'],
        users: USERS.slice(0, 2),
        stageKeys: { from: 'file' },
      },
      {
        zips: true,
        dataDir: '/tmp/data',
        asyncRetryDelaysMs: [],
        consoleSize: 0,
        stageIssuer: { issuer: 'https://issuer.example', audience: 'disputes', jwks: { keys: [] } },
      },
    ),
  );
  assert.ok(lines.includes('  S3 s3:ObjectCreated:* on evidence/ → scan-evidence-local (async, no retries)'));
  assert.ok(lines.includes('  code: the sources, built'));
  assert.deepEqual(lines.slice(lines.indexOf('  code: the sources, built') + 1, lines.indexOf('  data: /tmp/data')), [
    '  debugger: …',
    '    9230  GET /disputes  list-disputes-local',
    "  functions: an environment per concurrent request, within a memory budget of 6026 MB (a quarter of this machine's memory; --memory-budget); the emulator holds 172 MB now",
  ]);
  assert.ok(lines.includes("  tokens: the stage's, from https://issuer.example (audience disputes), and local ones"));
  assert.ok(lines.includes('  stage keys: from --jwks-file'));
  assert.ok(lines.some((line) => line.startsWith('  token: npm run -s token -- --user 1')));
  assert.ok(!lines.some((line) => line.includes('_console')));
  assert.ok(!lines.some((line) => line.includes('… and')));
  assert.ok(!lines.includes(''));
});

test('several modules: the count of modules, each module with its routes and contract, every table, one docs entry each', () => {
  const projects = {
    name: 'projects-api',
    title: 'Projects API',
    contractFile: 'projects/openapi.yaml',
    routeCount: 2,
    notifications: [],
    tables: ['projects'],
    buckets: [],
  };
  const lines = bannerLines(info({ modules: [...info().modules, projects] }));
  assert.equal(lines[0], 'API emulator (2 modules) listening on http://127.0.0.1:3000  (19 routes, ready in 812 ms)');
  assert.ok(lines.includes('  module disputes-api: 17 routes from openapi.yaml'));
  assert.ok(lines.includes('  module projects-api: 2 routes from projects/openapi.yaml'));
  assert.ok(lines.includes('  DynamoDB: http://127.0.0.1:8000  (tables disputes, projects)'));
  assert.ok(lines.includes('  docs:  http://127.0.0.1:3000/docs  (Swagger UI; one entry per module)'));
});

test("a stage's keys: fetched now, or the disk copy and how old it is when the issuer cannot be reached", () => {
  const stageIssuer = { issuer: 'https://issuer.example', audience: 'disputes' };
  const fetched = bannerLines(
    info({ stageKeys: { from: 'issuer', jwksUrl: 'https://issuer.example/jwks.json', file: '/k/stage-jwks.json' } }, { stageIssuer }),
  );
  assert.ok(fetched.includes('  stage keys: fetched from https://issuer.example/jwks.json, kept in /k/stage-jwks.json'));
  const offline = bannerLines(
    info({ stageKeys: { from: 'copy', file: '/k/stage-jwks.json', ageMs: 3 * 3600_000, why: 'fetch failed' } }, { stageIssuer }),
  );
  assert.ok(offline.includes('  stage keys: OFFLINE, the copy in /k/stage-jwks.json fetched 3 h ago (fetch failed)'));
});

test('ages read as a person says them', () => {
  assert.deepEqual([age(5000), age(5 * 60_000), age(3 * 3600_000), age(3 * 86_400_000)], ['5 s', '5 min', '3 h', '3 days']);
});

test('the banner names the bounds chosen: reserved concurrency, a cap on environments, the budget given', () => {
  const lines = bannerLines(
    info({
      concurrency: { bounds: { budgetMb: 900, budgetChosen: true, maxEnvironments: 6, maxEnvironmentsPerFunction: 2 }, usedMb: 200 },
    }),
  );
  assert.ok(
    lines.includes(
      '  functions: at most 2 environments per function, at most 6 in all, within a memory budget of 900 MB; the emulator holds 200 MB now',
    ),
    lines.join('\n'),
  );
});
