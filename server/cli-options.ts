// The emulator's options: one list that parseArgs reads and `--help` prints,
// so that no option goes undocumented. Each string option may also come from
// its environment variable, or from a `.env` file (see main-options.ts).
export interface CliOption {
  name: string;
  type: 'string' | 'boolean';
  /** The environment variable that sets it when the option is not given. */
  variable?: string;
  value?: string;
  /** Given more than once, each counts (its variable: a comma-separated list). */
  multiple?: boolean;
  description: string;
  example: string;
}

export const CLI_OPTIONS: readonly CliOption[] = [
  {
    name: 'module',
    type: 'string',
    multiple: true,
    variable: 'MODULES',
    value: '<dir>',
    description:
      "serve this module (a folder with an openapi.yaml); repeat it to serve several on one origin (default: this project's folder)",
    example: '--module . --module ../projects-api',
  },
  {
    name: 'port',
    type: 'string',
    variable: 'PORT',
    value: '<n>',
    description: 'port of the API (default 3000; 0: a free one)',
    example: '--port 8080',
  },
  {
    name: 'host',
    type: 'string',
    variable: 'HOST',
    value: '<addr>',
    description: 'address to listen on (default 127.0.0.1; 0.0.0.0 opens the API and S3 to the local network)',
    example: '--host 0.0.0.0',
  },
  {
    name: 'public-host',
    type: 'string',
    variable: 'PUBLIC_HOST',
    value: '<addr>',
    description:
      "the address phones reach this machine at, in the S3 URLs handed out (default: this machine's LAN address when --host opens it)",
    example: '--public-host 192.168.1.20',
  },
  {
    name: 'dynamodb-port',
    type: 'string',
    variable: 'DYNAMODB_PORT',
    value: '<n>',
    description: 'port of the DynamoDB emulator (default: a free one, printed at start)',
    example: '--dynamodb-port 8000',
  },
  {
    name: 'data-dir',
    type: 'string',
    variable: 'DATA_DIR',
    value: '<dir>',
    description: 'keep the table and the bucket in this folder between runs (default: in memory)',
    example: '--data-dir .emulator/data',
  },
  {
    name: 'key-dir',
    type: 'string',
    variable: 'EMULATOR_KEY_DIR',
    value: '<dir>',
    description: 'the token signing key and the S3 key (default .emulator/keys)',
    example: '--key-dir /tmp/keys',
  },
  {
    name: 'zips',
    type: 'boolean',
    description: 'run the packaged zips of dist/ (npm run package) instead of building the sources',
    example: '--zips',
  },
  { name: 'verbose', type: 'boolean', description: "log every request the API gets (fastify's request log)", example: '--verbose' },
  {
    name: 'async-retry-delays',
    type: 'string',
    variable: 'ASYNC_RETRY_DELAYS',
    value: '<ms>,<ms>',
    description: 'waits before the two retries of a failed S3-notified function (AWS: 60000,120000)',
    example: '--async-retry-delays 60000,120000',
  },
  {
    name: 'max-environments',
    type: 'string',
    variable: 'MAX_ENVIRONMENTS',
    value: '<n>',
    description: 'execution environments of all functions together at most, a cap beside --memory-budget (default: none)',
    example: '--max-environments 4',
  },
  {
    name: 'max-environments-per-function',
    type: 'string',
    variable: 'MAX_ENVIRONMENTS_PER_FUNCTION',
    value: '<n>',
    description: "execution environments per function at most, as a function's reserved concurrency (default: unreserved)",
    example: '--max-environments-per-function 2',
  },
  {
    name: 'memory-budget',
    type: 'string',
    variable: 'MEMORY_BUDGET',
    value: '<MB>',
    description:
      "the account's concurrency as memory: a new environment starts while the emulator's processes (PSS) and one more fit (default a quarter of the machine's memory, at least 1024)",
    example: '--memory-budget 2048',
  },
  {
    name: 'console-size',
    type: 'string',
    variable: 'CONSOLE_SIZE',
    value: '<n>',
    description: 'how many recent requests the dev console at /_console keeps (default 200; 0: no console)',
    example: '--console-size 1000',
  },
  {
    name: 'console-on-lan',
    type: 'boolean',
    description:
      'serve the dev console to other machines too when --host opens the API to the network (default: this machine only; it shows tokens and data)',
    example: '--console-on-lan',
  },
  {
    name: 'inspect',
    type: 'boolean',
    description:
      "open each function's Node.js inspector on 127.0.0.1, one port per function from --inspect-port (listed at start), for a debugger to stop at breakpoints in the handlers' .ts lines; one environment per function, kept running, with no timeouts",
    example: '--inspect',
  },
  {
    name: 'inspect-port',
    type: 'string',
    variable: 'INSPECT_PORT',
    value: '<n>',
    description:
      "the first function's inspector port (default 9229; giving it turns --inspect on); the others follow in the contract's order",
    example: '--inspect-port 9300',
  },
  {
    name: 'jwt-issuer',
    type: 'string',
    variable: 'JWT_ISSUER',
    value: '<url>',
    description:
      "accept a stage's tokens beside local ones: its issuer (with --jwt-audience); its keys are fetched at start through <url>/.well-known/openid-configuration and kept in the key dir, that copy used when the issuer cannot be reached",
    example: '--jwt-issuer https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc',
  },
  {
    name: 'jwt-audience',
    type: 'string',
    variable: 'JWT_AUDIENCE',
    value: '<aud>',
    description: "the stage's audience (app client id)",
    example: '--jwt-audience 1a2b3c',
  },
  {
    name: 'jwks-file',
    type: 'string',
    variable: 'JWKS_FILE',
    value: '<file>',
    description: "the stage issuer's public keys from a file saved from its jwks.json, instead of fetching them",
    example: '--jwks-file stage-jwks.json',
  },
  {
    name: 'jwks-url',
    type: 'string',
    variable: 'JWKS_URL',
    value: '<url>',
    description: "where the stage issuer's keys are, instead of its discovery document's jwks_uri",
    example: '--jwks-url https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_abc/.well-known/jwks.json',
  },
  {
    name: 'dotenv',
    type: 'string',
    value: '<file>',
    description:
      'read settings from this file of VARIABLE=value lines (default .env, when there is one); the environment wins over it (not --env-file: Node 20 takes that one for itself)',
    example: '--dotenv staging.env',
  },
  {
    name: 'upstream',
    type: 'string',
    variable: 'UPSTREAM',
    value: '<url>',
    description:
      'hybrid mode: a request no route of the served contracts takes is forwarded to this stage (the rest of the app), and its answer passed back',
    example: '--upstream https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com',
  },
  {
    name: 'upstream-timeout',
    type: 'string',
    variable: 'UPSTREAM_TIMEOUT_MS',
    value: '<ms>',
    description: "how long a forwarded request waits for the stage to answer before a 504 (default 30000, HTTP API's integration timeout)",
    example: '--upstream-timeout 5000',
  },
  {
    name: 'user-id-claim',
    type: 'string',
    variable: 'USER_ID_CLAIM',
    value: '<claim>',
    description:
      "the token claim that carries the user's id (default sub); the functions get it too, and the console labels callers with it",
    example: '--user-id-claim custom:user_id',
  },
  {
    name: 'role-claims',
    type: 'string',
    variable: 'ROLE_CLAIMS',
    value: '<claims>',
    description: "the claims tried in order for the caller's role (default role,custom:role,cognito:groups); as --user-id-claim",
    example: '--role-claims cognito:groups',
  },
  { name: 'help', type: 'boolean', description: 'print this help', example: '--help' },
];

export function parseArgsOptions(): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> {
  return Object.fromEntries(
    CLI_OPTIONS.map((option) => [
      option.name,
      option.name === 'help' ? { type: option.type, short: 'h' } : { type: option.type, ...(option.multiple ? { multiple: true } : {}) },
    ]),
  );
}

export function helpText(): string {
  const lines = ['usage: npm start -- [options]', '', 'options (each string option also from its variable, or from .env):', ''];
  for (const option of CLI_OPTIONS) {
    const flag = `--${option.name}${option.value ? ` ${option.value}` : ''}${option.variable ? `  (${option.variable})` : ''}`;
    lines.push(`  ${flag}`, `      ${option.description}`, `      e.g. npm start -- ${option.example}`);
  }
  return `${lines.join('\n')}\n`;
}
