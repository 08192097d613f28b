import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildInChildProcess } from './function-build-process.ts';
import { projectRoot } from '../../test-support/project-root.ts';

test('a build process stopped before it answers is a failed build that says so, not a hang', async () => {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'function-build-'));
  try {
    const stop = new AbortController();
    const reply = buildInChildProcess(
      {
        projectRoot,
        cacheDir,
        color: false,
        functions: [
          {
            functionName: 'fn',
            zip: 'fn.zip',
            handler: 'handlers/get-dispute.handler',
            handlerFile: path.join(projectRoot, 'handlers/get-dispute.ts'),
            runtime: 'nodejs22.x',
          },
        ],
      },
      stop.signal,
    );
    setTimeout(() => stop.abort(), 20);
    const answer = await reply;
    assert.equal(answer.ok, false);
    // Stopped before the child started, or after: either way an answer that says so.
    assert.match(
      answer.ok ? '' : answer.formatted,
      /the build was stopped before it started|the build process exited \(signal SIGKILL\) without an answer/,
    );
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
