// npm run -s stage:latency -- --base-url <url> --token <jwt> (or STAGE_TOKEN) [--seconds N] [--rate R] [--write --project <id>]
// The seed's latency targets (cold < 1 s, warm < 100 ms, p95 < 500 ms)
// measured against a stage or the emulator: the read routes in turn at R
// calls a second (default 5, at most 50) for N seconds (default 30), and with
// --write a create → message → close journey on the project, cleaned up.
// Prints a table per route; exit 1 when a target is missed or an answer was
// unexpected, 2 for bad input. It cannot force a cold start on AWS: read
// those from the functions' REPORT lines (Init Duration), see the README.
import { parseArgs } from 'node:util';
import { MAX_RATE, measureLatency } from './stage-latency-run.ts';
import { latencyTable } from './stage-latency-table.ts';

const USAGE = `usage: [STAGE_TOKEN=<jwt>] npm run -s stage:latency -- --base-url <url> [--token <jwt>] [--seconds N] [--rate R (1-${MAX_RATE})] [--write --project <id>]`;
const MAX_SECONDS = 3600;

function fail(message: string): never {
  console.error(`stage:latency: ${message}\n${USAGE}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        'base-url': { type: 'string' },
        token: { type: 'string' },
        seconds: { type: 'string', default: '30' },
        rate: { type: 'string', default: '5' },
        write: { type: 'boolean', default: false },
        project: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return fail((error as Error).message);
  }
}

const values = parse();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const baseUrl = values['base-url'];
if (!baseUrl) fail('--base-url is required');
if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) fail(`--base-url ${baseUrl}: not an http(s) URL`);
// The token may come from the environment: npm prints a script's arguments, and logs keep them.
const token = values.token ?? process.env['STAGE_TOKEN'];
if (!token) fail('--token or STAGE_TOKEN is required (a bearer token of a user of the stage)');
const seconds = Number(values.seconds);
if (!(seconds >= 1 && seconds <= MAX_SECONDS)) fail(`--seconds ${values.seconds}: a number of seconds from 1 to ${MAX_SECONDS}`);
const rate = Number(values.rate);
if (!(rate > 0 && rate <= MAX_RATE)) fail(`--rate ${values.rate}: calls a second, more than 0 and at most ${MAX_RATE}`);
const project = values.project === undefined ? undefined : Number(values.project);
if (values.write && !(Number.isInteger(project) && project! > 0))
  fail("--write needs --project <id>: a project of the token's user with no active dispute");
if (!values.write && project !== undefined) fail('--project is for --write');

console.log(
  `stage latency: ${baseUrl}, ${seconds} s at ${rate} calls/s${values.write ? `, with a create → message → close journey on project ${project}` : ', read routes only'}`,
);
// Ctrl-C ends the run early: what is in flight finishes and the journey closes what it opened, then the table.
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
const run = await measureLatency({
  signal: stop.signal,
  baseUrl,
  token,
  seconds,
  rate,
  ...(values.write ? { write: { project: project! } } : {}),
});
const { text, missed } = latencyTable(run);
console.log(`${text}\n${run.calls} calls; ${missed ? 'a target was missed' : 'every target met'}`);
process.exit(missed ? 1 : 0);
