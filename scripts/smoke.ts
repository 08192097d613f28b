// npm run smoke -- --base-url <url> --token <jwt> [--write --project <id>]
// The seed's smoke tests against a deployed stage or the local emulator
// (scripts/smoke-checks.ts says what they check); exits 1 when one fails.
import { parseArgs } from 'node:util';
import { runSmoke } from './smoke-checks.ts';

const USAGE = 'usage: npm run smoke -- --base-url <url> --token <jwt> [--write --project <id>]';
const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    token: { type: 'string' },
    write: { type: 'boolean', default: false },
    project: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const baseUrl = values['base-url'] ?? process.env['SMOKE_BASE_URL'];
const token = values.token ?? process.env['SMOKE_TOKEN'];
const project = values.project === undefined ? undefined : Number(values.project);
if (!baseUrl || !token || (values.write && !(Number.isInteger(project) && (project ?? 0) > 0))) {
  console.error(`${USAGE}\n(--write needs --project: a project of the token's user with no open dispute)`);
  process.exit(2);
}

const results = await runSmoke({ baseUrl, token, ...(values.write && project ? { write: { project } } : {}) });
for (const result of results) console.log(`${result.ok ? 'ok  ' : 'FAIL'}  ${result.check}  ${result.detail}`);
const failed = results.filter((result) => !result.ok).length;
console.log(
  `\n${results.length - failed} of ${results.length} checks passed${values.write ? '' : ' (read-only; --write adds a create → message → close flow)'}`,
);
process.exit(failed === 0 ? 0 : 1);
