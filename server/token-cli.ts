// `npm run -s token -- --user 1` prints a local bearer token (and nothing else)
// for a seed user; `--role` issues one for any id. Exit 2 on a usage error.
import { parseArgs } from 'node:util';
import {
  configuredClaims,
  defaultKeyDir,
  DEFAULT_TOKEN_TTL_SECONDS,
  issueLocalToken,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
} from './auth/local-issuer.ts';
import { DEFAULT_STAGE } from './local-aws.ts';
import { PROJECT_ROOT } from './main-options.ts';
import { loadServedModules, localUsers } from './modules/served-modules.ts';

const USAGE =
  'usage: npm run -s token -- --user <id> [--role client|master|mediator|admin] [--ttl <seconds>] [--key-dir <dir>] [--module <dir>]… [--user-id-claim <claim>] [--role-claims <claims>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: {
    user?: string;
    role?: string;
    ttl?: string;
    'key-dir'?: string;
    module?: string[];
    'user-id-claim'?: string;
    'role-claims'?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        user: { type: 'string' },
        role: { type: 'string' },
        ttl: { type: 'string' },
        'key-dir': { type: 'string' },
        module: { type: 'string', multiple: true },
        'user-id-claim': { type: 'string' },
        'role-claims': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const user = values.user;
  if (!user || !/^[1-9][0-9]*$/.test(user)) fail('--user must be a numeric user id');
  const ttlSeconds = values.ttl === undefined ? DEFAULT_TOKEN_TTL_SECONDS : Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) fail('--ttl must be a positive number of seconds');

  const projectRoot = PROJECT_ROOT;
  // The seed users of the modules an emulator serves (this project's by default), as `npm start -- --module` names them.
  const modules = await loadServedModules(values.module ?? [projectRoot], {
    stage: DEFAULT_STAGE,
    jwtIssuer: LOCAL_ISSUER,
    jwtAudience: LOCAL_AUDIENCE,
  });
  const seedUser = localUsers(modules).find((candidate) => String(candidate.id) === user);
  const role = values.role ?? seedUser?.role;
  if (!role) {
    fail(`user ${user} is not a seed user; pass --role to issue a token for any id`);
  }
  const token = issueLocalToken({
    keyDir: values['key-dir'] ?? process.env['EMULATOR_KEY_DIR'] ?? defaultKeyDir(projectRoot),
    sub: user,
    role,
    ...(seedUser ? { name: seedUser.name } : {}),
    ttlSeconds,
    // The claims the functions are configured to read, as the emulator passes them (--user-id-claim, USER_ID_CLAIM…).
    claims: configuredClaims(
      {
        ...((values['user-id-claim'] ?? process.env['USER_ID_CLAIM'])
          ? { userId: values['user-id-claim'] ?? process.env['USER_ID_CLAIM'] }
          : {}),
        ...((values['role-claims'] ?? process.env['ROLE_CLAIMS']) ? { roles: values['role-claims'] ?? process.env['ROLE_CLAIMS'] } : {}),
      },
      { id: user, role },
    ),
  });
  process.stdout.write(`${token}\n`);
}

await main();
