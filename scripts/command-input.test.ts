// Bad input to the parity and stage:latency commands is a clear message and
// exit 2, never a run that reports nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { projectRoot } from '../test-support/project-root.ts';

const command = (script: string, args: string[]) => {
  const { STAGE_TOKEN: _, ...env } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
};

test('npm run parity: one run, a folder without records, a missing accepted file: exit 2 saying so', () => {
  assert.deepEqual(
    [command('scripts/parity.ts', ['reports']), command('scripts/parity.ts', ['/nonexistent/a', '/nonexistent/b'])].map(
      (result) => result.code,
    ),
    [2, 2],
  );
  assert.match(command('scripts/parity.ts', ['/nonexistent/a', '/nonexistent/b']).output, /no exchange records/);
  assert.match(command('scripts/parity.ts', ['a', 'b', '--accepted', '/nonexistent.json']).output, /no such file of accepted differences/);
});

test('npm run stage:latency: a missing or bad option is exit 2 with the usage, before any call', () => {
  const cases: [string[], RegExp][] = [
    [['--token', 't'], /--base-url is required/],
    [['--base-url', 'ftp://x', '--token', 't'], /not an http\(s\) URL/],
    [['--base-url', 'http://127.0.0.1:9'], /--token or STAGE_TOKEN is required/],
    [['--base-url', 'http://127.0.0.1:9', '--token', 't', '--rate', '51'], /at most 50/],
    [['--base-url', 'http://127.0.0.1:9', '--token', 't', '--seconds', '0.5'], /--seconds 0.5/],
    [['--base-url', 'http://127.0.0.1:9', '--token', 't', '--write'], /--write needs --project/],
    [['--base-url', 'http://127.0.0.1:9', '--token', 't', '--colour', 'red'], /Unknown option/],
  ];
  for (const [args, message] of cases) {
    const result = command('scripts/stage-latency.ts', args);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.output, message);
    assert.match(result.output, /usage: .*npm run -s stage:latency/);
  }
});

test('npm run stage:latency against a URL that does not answer: every call unexpected, exit 1, and it says why the routes of one dispute went unmeasured', () => {
  const result = command('scripts/stage-latency.ts', ['--base-url', 'http://127.0.0.1:9', '--token', 't', '--seconds', '1', '--rate', '3']);
  assert.equal(result.code, 1, result.output);
  assert.match(result.output, /GET \/disputes .*MISSED: .*unexpected answers/);
  assert.match(result.output, /the first GET \/disputes answered nothing/);
  assert.match(result.output, /a target was missed/);
});
