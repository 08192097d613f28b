// Starts the emulator as `npm start` runs it, on a free loopback port, for
// tests, the benches and the soak: its stdout is read line by line (never left
// to fill the pipe), and `ready` resolves once it answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { freePort } from './free-port.ts';
import { projectRoot } from './project-root.ts';

async function waitUntilReady(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${url} not ready in time`);
}

export interface StartedEmulator {
  base: string;
  server: ChildProcess;
  /** Resolves once the emulator answers (within 30 s). */
  ready: Promise<void>;
}

export async function startEmulator(
  onLine: (line: string) => void = () => undefined,
  extraArgs: readonly string[] = [],
): Promise<StartedEmulator> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--dotenv', 'none', ...extraArgs], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  createInterface({ input: server.stdout! }).on('line', onLine);
  return { base, server, ready: waitUntilReady(`${base}/.well-known/jwks.json`, Date.now() + 30_000) };
}
