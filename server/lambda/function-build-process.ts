// Builds functions in a child process that exits once it has answered:
// esbuild's output, the source maps and their parsing left the emulator's
// process 75-125 MB larger after every build, even once collected; with the
// child they go back to the system. The child runs on bare node (its entry
// compiled once per content under .emulator/build/), about 60 ms to start.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileEntry } from './compiled-entry.ts';
import type { BuildReply, BuildRequest } from './function-build.ts';

const SOURCE = fileURLToPath(new URL('./function-build-child.ts', import.meta.url));
const BUILDS = fileURLToPath(new URL('../../.emulator/build/', import.meta.url));

let entry: Promise<string> | undefined;

const failed = (text: string): BuildReply => ({ ok: false, errors: [{ text, location: null }], formatted: text });

/** The build's answer; a child that dies without one is a failed build that says why. Aborting kills it. */
export async function buildInChildProcess(request: BuildRequest, signal?: AbortSignal): Promise<BuildReply> {
  entry ??= compileEntry({ source: SOURCE, fileName: 'function-build.mjs', parentDir: BUILDS, packagesExternal: true }).then(
    ({ file }) => file,
  );
  if (signal?.aborted) return failed('the build was stopped before it started');
  let child: ChildProcess;
  try {
    child = fork(await entry, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  } catch (error) {
    // Tried again on the next save.
    entry = undefined;
    return failed(`the build process could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const kill = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', kill, { once: true });
  if (signal?.aborted) kill();
  try {
    return await new Promise<BuildReply>((resolve) => {
      child.once('message', (reply: BuildReply) => resolve(reply));
      child.once('close', (code, exitSignal) => {
        resolve(failed(`the build process exited (${code !== null ? `exit code ${code}` : `signal ${exitSignal}`}) without an answer`));
      });
      child.once('error', (error) => resolve(failed(`the build process failed: ${error.message}`)));
      // A request that cannot be written (the child is going): its exit says so.
      child.send(request, (error) => {
        if (error) kill();
      });
    });
  } finally {
    signal?.removeEventListener('abort', kill);
    kill();
  }
}
