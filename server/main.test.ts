// Boots the real emulator (real handlers, dynalite, s3rver) on a free port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generatedPositionFor, LEAST_UPPER_BOUND, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { issueLocalToken } from './auth/local-issuer.ts';
import { eventually } from './lambda/test-fixtures/eventually.ts';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createSigner } from 'fast-jwt';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.ts';
import { loadOrCreateS3Credentials } from './s3/emulator-credentials.ts';
import { connectInspector } from './lambda/test-fixtures/inspector-client.ts';
import { firstUnavailablePort } from './lambda/inspector-ports.ts';
import { ASYNC_METHOD, type InvocationList, type InvocationRecord } from './console/console-types.ts';
import { freePort } from '../test-support/free-port.ts';
import { startFakeIssuer } from '../test-support/fake-issuer.ts';
import { projectRoot } from '../test-support/project-root.ts';

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

interface Emulator {
  url: string;
  keyDir: string;
  /** Everything it has printed so far. */
  output(): string;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs the emulator with these options until it exits on its own (a start it refuses): its exit code and stderr. */
async function runToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // 'close', not 'exit': the exit can come before the last of stderr has been read.
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stderr };
}

/** The first of `count` ports that are all free now (--inspect takes one per function). */
async function freePortBlock(count: number): Promise<number> {
  for (;;) {
    const first = await freePort();
    const ports = Array.from({ length: count }, (_, index) => first + index);
    if ((await firstUnavailablePort(ports)) === undefined) return first;
  }
}

async function startEmulator(extraArgs: string[] = []): Promise<Emulator> {
  const keyDir = mkdtempSync(path.join(tmpdir(), 'main-keys-'));
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', main, '--port', '0', '--key-dir', keyDir, '--dotenv', 'none', ...extraArgs],
    { stdio: 'pipe' },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const [code] = child.exitCode === null ? await once(child, 'exit') : [child.exitCode];
    rmSync(keyDir, { recursive: true, force: true });
    return code as number | null;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    return { url, keyDir, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

test('starts on port 0, prints its URL, serves the contract, stops on SIGTERM', { timeout: 60_000 }, async () => {
  const emulator = await startEmulator();
  try {
    const { url, keyDir } = emulator;
    const token = issueLocalToken({ keyDir, sub: '1', role: 'client' });
    const list = await fetch(`${url}/disputes`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(list.status, 200);
    assert.ok(list.headers.get('apigw-requestid'));
    assert.deepEqual(Object.keys(await list.json()).sort(), ['count', 'next_cursor', 'results']);
    const anonymous = await fetch(`${url}/disputes`);
    assert.equal(anonymous.status, 401);
    const missing = await fetch(`${url}/nowhere`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { message: 'Not Found' });
    assert.match(
      emulator.output(),
      /S3 s3:ObjectCreated:\* on uploads\/ → handshake-confirm-evidence-local \(async, retries after 1 s, 2 s\)/,
    );
  } finally {
    assert.equal(await emulator.stop(), 0);
  }
});

/** The smallest valid PNG: a 1x1 transparent pixel. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

test('a presigned POST upload through the S3 front reaches handlers/confirm-evidence.ts, which confirms the evidence', {
  timeout: 120_000,
}, async () => {
  const emulator = await startEmulator();
  try {
    const { url, keyDir } = emulator;
    const headers = {
      authorization: `Bearer ${issueLocalToken({ keyDir, sub: '1', role: 'client' })}`,
      'content-type': 'application/json',
    };
    const created = await fetch(`${url}/disputes`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ project: 123, reason: 'quality', description: 'Tiles cracked' }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const dispute = (await created.json()) as { id: number };
    const registered = await fetch(`${url}/disputes/${dispute.id}/evidence`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ file_name: 'cracked tiles.png', content_type: 'image/png', size: PNG.length }),
    });
    assert.equal(registered.status, 201, await registered.clone().text());
    const { evidence, upload } = (await registered.json()) as {
      evidence: { id: number };
      upload: { url: string; fields: Record<string, string> };
    };

    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'cracked tiles.png');
    const stored = await fetch(upload.url, { method: 'POST', body: form });
    assert.ok(stored.status < 300, `the upload is stored (${stored.status})`);

    // Nothing reads the evidence: only the S3 notification can have confirmed it.
    const judged = await eventually(
      () =>
        emulator
          .output()
          .split('\n')
          .find((line) => line.startsWith('[handshake-confirm-evidence-local]') && line.includes('"message":"Evidence judged"')),
      'the notified function judged the upload',
      90_000,
    );
    assert.ok(judged.includes(`"evidenceId":${evidence.id}`), judged);
    assert.ok(judged.includes('"status":"uploaded"'), judged);
    // The REPORT line follows the function's own log lines: wait for it rather than expect it already.
    await eventually(
      () => /\[handshake-confirm-evidence-local\] REPORT RequestId: /.test(emulator.output()) || undefined,
      'the notified invocation reported',
      30_000,
    );
    // The dev console shows the S3-notified invocation beside the API's requests, with its event and logs.
    const listed = (await (await fetch(`${url}/_console/api/invocations`)).json()) as InvocationList;
    const notified = listed.invocations.find((invocation) => invocation.method === ASYNC_METHOD);
    assert.ok(notified, JSON.stringify(listed.invocations));
    assert.equal(notified.functionName, 'handshake-confirm-evidence-local');
    assert.equal(notified.status, 200);
    assert.match(notified.path, /^S3 ObjectCreated:Post uploads\/.+ \(attempt 1 of 3\)$/);
    const detail = (await (await fetch(`${url}/_console/api/invocations/${encodeURIComponent(notified.id)}`)).json()) as InvocationRecord;
    assert.equal((detail.event as { Records: Array<{ eventName: string }> }).Records[0]?.eventName, 'ObjectCreated:Post');
    assert.match(detail.logs[0] ?? '', /^START RequestId: /);
    assert.ok(detail.logs.some((line) => line.includes('Evidence judged')));

    // The repository's well-known local key is refused: S3 takes only the install's own (kept beside the JWT keys).
    const endpoint = new URL(upload.url);
    const bucket = endpoint.pathname.split('/')[1];
    const s3With = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new S3Client({ region: LOCAL_REGION, endpoint: endpoint.origin, forcePathStyle: true, credentials });
    const wellKnown = s3With(LOCAL_CREDENTIALS);
    try {
      await assert.rejects(wellKnown.send(new PutObjectCommand({ Bucket: bucket, Key: 'disputes/1/evidence/1/x.png', Body: PNG })), {
        name: 'InvalidAccessKeyId',
      });
    } finally {
      wellKnown.destroy();
    }

    // An object under the staging prefix that no evidence item stages (put with the install's key): ignored, not retried.
    const s3 = s3With(loadOrCreateS3Credentials(keyDir));
    try {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'uploads/disputes/999999/1/stray file.png', Body: PNG }));
    } finally {
      s3.destroy();
    }
    const ignored = await eventually(
      () =>
        emulator
          .output()
          .split('\n')
          .find((line) => line.includes('No evidence item stages this key')),
      'the notified function ignored the stray key',
      90_000,
    );
    assert.ok(ignored.includes('uploads/disputes/999999/1/stray+file.png'), ignored);
    const strayRequestId = /RequestId: (\S+)/.exec(
      emulator
        .output()
        .split('\n')
        .filter((line) => line.includes('[handshake-confirm-evidence-local] START'))
        .at(-1) ?? '',
    )?.[1];
    assert.ok(strayRequestId, 'the stray event was invoked');
    await eventually(
      () => emulator.output().includes(`REPORT RequestId: ${strayRequestId}`) || undefined,
      'the stray invocation ended',
      30_000,
    );
    // A failed attempt would be retried after 1 s (the emulator's first async retry delay): wait past it.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(
      emulator.output().split(`START RequestId: ${strayRequestId}`).length - 1,
      1,
      'a record for an unknown key succeeds: no retry',
    );
  } finally {
    assert.equal(await emulator.stop(), 0);
  }
});

test("with --jwt-issuer, --jwt-audience and --jwks-file the authorizer takes a stage's tokens and local ones", {
  timeout: 60_000,
}, async () => {
  // The stage's identity provider: its own key, issuer and audience, its JWKS saved to a file.
  const work = mkdtempSync(path.join(tmpdir(), 'stage-issuer-'));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwksFile = path.join(work, 'jwks.json');
  writeFileSync(
    jwksFile,
    JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'stage-key', alg: 'RS256', use: 'sig' }] }),
  );
  const issuer = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Example';
  const emulator = await startEmulator(['--jwt-issuer', issuer, '--jwt-audience', 'app-client', '--jwks-file', jwksFile]);
  try {
    const stageToken = createSigner({
      key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
      kid: 'stage-key',
      algorithm: 'RS256',
    })({
      iss: issuer,
      aud: 'app-client',
      sub: '1',
      role: 'client',
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    const stage = await fetch(`${emulator.url}/disputes`, { headers: { authorization: `Bearer ${stageToken}` } });
    assert.equal(stage.status, 200, await stage.text());
    const local = await fetch(`${emulator.url}/disputes`, {
      headers: { authorization: `Bearer ${issueLocalToken({ keyDir: emulator.keyDir, sub: '1', role: 'client' })}` },
    });
    assert.equal(local.status, 200);
    assert.match(emulator.output(), /tokens: the stage's, from https:\/\/cognito-idp.*, and local ones/);
    assert.match(emulator.output(), /stage keys: from --jwks-file/);
  } finally {
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('two modules that claim one route are refused at start, in one line naming both contracts', { timeout: 30_000 }, async () => {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'module-clash-')), 'projects');
  cpSync(path.join(projectRoot, 'e2e', 'fixtures', 'projects-module'), copy, { recursive: true });
  const contract = path.join(copy, 'openapi.yaml');
  writeFileSync(contract, readFileSync(contract, 'utf8').replace('/projects/my:', '/disputes/{key}:'));
  try {
    const { code, stderr } = await runToExit(['--port', '0', '--dotenv', 'none', '--module', projectRoot, '--module', copy]);
    assert.equal(code, 1);
    const lines = stderr.trim().split('\n');
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0]!, /^emulator failed to start \(CONTRACT_ERR_MODULE\): .*route GET \/disputes\/\{\} is claimed by /);
    assert.ok(lines[0]!.includes(path.join(projectRoot, 'openapi.yaml')) && lines[0]!.includes(contract), stderr);
  } finally {
    rmSync(path.dirname(copy), { recursive: true, force: true });
  }
});

test('--upstream must be an http(s) URL, --upstream-timeout a whole number of ms: the usage and exit 2 otherwise', {
  timeout: 30_000,
}, async () => {
  for (const [args, message] of [
    [['--upstream', 'ftp://stage.example'], /^invalid --upstream: ftp:\/\/stage\.example \(the stage's http\(s\) URL/],
    [['--upstream', 'not a url'], /^invalid --upstream: not a url/],
    [['--upstream', 'https://stage.example', '--upstream-timeout', 'soon'], /^invalid --upstream-timeout: soon/],
  ] as const) {
    const { code, stderr } = await runToExit(['--port', '0', '--dotenv', 'none', ...args]);
    assert.equal(code, 2, stderr);
    assert.match(stderr, message);
    assert.match(stderr, /usage: npm start -- \[options\]/);
  }
});

test('the stage issuer options go together: one alone is refused at start with the usage', { timeout: 30_000 }, async () => {
  const { code, stderr } = await runToExit(['--port', '0', '--jwt-issuer', 'https://issuer.example']);
  assert.equal(code, 2);
  assert.match(stderr, /--jwt-issuer and --jwt-audience go together/);
});

test("a stage issuer's keys are fetched and kept: its tokens and local ones are accepted, and with the issuer gone the copy is used", {
  timeout: 120_000,
}, async (t) => {
  const keyDir = mkdtempSync(path.join(tmpdir(), 'hybrid-keys-'));
  t.after(() => rmSync(keyDir, { recursive: true, force: true }));
  const fake = await startFakeIssuer();
  const stageArgs = ['--key-dir', keyDir, '--jwt-issuer', fake.issuer, '--jwt-audience', 'app-client'];
  const stageToken = fake.sign('app-client', { sub: '1', role: 'client' });
  const listWith = (url: string, token: string) => fetch(`${url}/disputes`, { headers: { authorization: `Bearer ${token}` } });

  const online = await startEmulator(stageArgs);
  try {
    assert.equal((await listWith(online.url, stageToken)).status, 200);
    assert.equal((await listWith(online.url, issueLocalToken({ keyDir, sub: '1', role: 'client' }))).status, 200);
    assert.match(online.output(), new RegExp(`stage keys: fetched from ${fake.jwksUrl}, kept in `));
  } finally {
    await online.stop();
    await fake.stop();
  }

  const offline = await startEmulator(stageArgs);
  try {
    assert.equal((await listWith(offline.url, stageToken)).status, 200);
    assert.match(offline.output(), /stage keys: OFFLINE, the copy in .*stage-jwks\.json fetched \d+ s ago \(/);
  } finally {
    await offline.stop();
  }

  const nowhere = mkdtempSync(path.join(tmpdir(), 'hybrid-no-copy-'));
  t.after(() => rmSync(nowhere, { recursive: true, force: true }));
  const { code, stderr } = await runToExit(['--port', '0', '--dotenv', 'none', ...stageArgs, '--key-dir', nowhere]);
  assert.equal(code, 2);
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0]!, /could not be fetched .* holds no copy of them: start once with the issuer reachable/);
});

test('settings come from --dotenv (or .env); the environment wins over the file; an unknown option is refused with the usage', {
  timeout: 60_000,
}, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dotenv-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'settings.env');
  writeFileSync(file, 'ASYNC_RETRY_DELAYS=7000\nMAX_ENVIRONMENTS=not-a-number\nCONSOLE_SIZE=0\n');
  process.env['MAX_ENVIRONMENTS'] = '3';
  t.after(() => delete process.env['MAX_ENVIRONMENTS']);
  const emulator = await startEmulator(['--dotenv', file]);
  try {
    assert.match(emulator.output(), /retries after 7 s/, 'read from the file');
    assert.doesNotMatch(emulator.output(), /console:/, 'CONSOLE_SIZE=0: no console');
    assert.equal((await fetch(`${emulator.url}/_console`)).status, 404);
  } finally {
    await emulator.stop();
  }

  const { code, stderr } = await runToExit(['--bogus']);
  assert.equal(code, 2);
  assert.match(stderr, /Unknown option '--bogus'\nusage: npm start -- \[options\]/);
});

test('the banner gives each component its ready time; a port in use is one line that says what to do', { timeout: 60_000 }, async () => {
  const emulator = await startEmulator();
  try {
    assert.match(emulator.output(), /ready: .*functions \d+ ms.*DynamoDB \d+ ms.*S3 \d+ ms.*API \d+ ms/s);
    assert.match(
      emulator.output(),
      /\n {2}console: http:\/\/127\.0\.0\.1:\d+\/_console {2}\(the last 200 requests, live; this machine only\)\n/,
    );
    const port = new URL(emulator.url).port;
    const { code, stderr } = await runToExit(['--port', port, '--key-dir', emulator.keyDir, '--dotenv', 'none']);
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`^emulator failed to start: port ${port} is already in use .*npm start -- --port <n>.*\\n$`));
  } finally {
    await emulator.stop();
  }
});

// What an editor's debugger does with --inspect (VS Code, Chrome DevTools): attach
// to the function's port, map a .ts line to the bundle through its source map,
// set the breakpoint there, and see the function stop at it on a request.
test("with --inspect a debugger stops at a breakpoint on a handler's .ts line; the request waits, then completes when resumed", {
  timeout: 90_000,
}, async () => {
  const emulator = await startEmulator(['--inspect', '--inspect-port', String(await freePortBlock(16))]);
  try {
    const port = Number(/^ {4}(\d+) {2}GET \/disputes\/\{id\} +handshake-get-dispute-local$/m.exec(emulator.output())?.[1]);
    assert.ok(port > 0, `the banner lists the function's port:\n${emulator.output()}`);
    const inspector = await connectInspector(port);
    try {
      await inspector.send('Debugger.enable');
      const script = await inspector.event<{ url: string; sourceMapURL: string }>('Debugger.scriptParsed', (parsed) =>
        parsed.url.endsWith('/handlers/get-dispute.mjs'),
      );
      const mapUrl = new URL(script.sourceMapURL, script.url);
      const map = new TraceMap(readFileSync(fileURLToPath(mapUrl), 'utf8'), mapUrl.href);
      const source = path.join(projectRoot, 'handlers', 'get-dispute.ts');
      const sourceLines = readFileSync(source, 'utf8').split('\n');
      const line = sourceLines.findIndex((text) => text.includes('await loadVisibleDispute(')) + 1;
      assert.ok(line > 0);
      const generated = generatedPositionFor(map, {
        source: pathToFileURL(source).href,
        line,
        column: sourceLines[line - 1]!.search(/\S/),
        bias: LEAST_UPPER_BOUND,
      });
      assert.ok(generated.line !== null, 'the source map leads from the project file to the bundle');
      const { breakpointId } = await inspector.send<{ breakpointId: string }>('Debugger.setBreakpointByUrl', {
        url: script.url,
        lineNumber: generated.line - 1,
        columnNumber: generated.column,
      });
      const token = issueLocalToken({ keyDir: emulator.keyDir, sub: '1', role: 'client' });
      const answered = fetch(`${emulator.url}/disputes/424242`, { headers: { authorization: `Bearer ${token}` } });
      const paused = await inspector.event<{
        hitBreakpoints: string[];
        callFrames: Array<{ location: { lineNumber: number; columnNumber: number } }>;
      }>('Debugger.paused');
      assert.deepEqual(paused.hitBreakpoints, [breakpointId]);
      const top = paused.callFrames[0]!.location;
      const at = originalPositionFor(map, { line: top.lineNumber + 1, column: top.columnNumber });
      assert.deepEqual({ source: at.source, line: at.line }, { source: pathToFileURL(source).href, line }, 'stopped at that .ts line');
      const early = await Promise.race([answered.then(() => 'answered'), new Promise((resolve) => setTimeout(resolve, 500, 'waiting'))]);
      assert.equal(early, 'waiting', 'the request waits while the function is paused');
      await inspector.send('Debugger.resume');
      const response = await answered;
      assert.equal(response.status, 404);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
    } finally {
      await inspector.close();
    }
  } finally {
    await emulator.stop();
  }
});
