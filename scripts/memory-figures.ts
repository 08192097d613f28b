// What the emulator holds in memory as a developer uses it, with the default
// settings, started as the README starts it (`npm start`: the npm process
// counts): right after start, after a journey through all 12 functions, and
// after a saved change (hot reload done) with all 12 warm on the new code.
// PSS (shared pages split between the processes sharing them) with the RSS
// sum beside it. The saved change is a line appended to a file every function
// is built from, taken out again before returning.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { treeMemory } from '../server/lambda/process-memory.ts';
import { freePort } from '../test-support/free-port.ts';
import { projectRoot } from '../test-support/project-root.ts';
import { everyFunctionJourney } from './every-function-journey.ts';

// Built into every function: a change to it rebuilds all 12.
const EDITED_FILE = path.join(projectRoot, 'handlers', 'function-environment.ts');
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function memoryFigures(): Promise<string[]> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const emulator = spawn(npm, ['start', '--', '--port', String(port), '--dotenv', 'none'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const warm = new Set<string>();
  let builds = 0;
  createInterface({ input: emulator.stdout! }).on('line', (line) => {
    const started = /^\[([^\]]+)\] REPORT/.exec(line);
    if (started) warm.add(started[1]!);
    if (line.startsWith('[build] ')) builds += 1;
    if (line.startsWith('  functions: ')) lines.push(`bounds: ${line.trim().replace(/^functions: /, '')}`);
  });
  const original = readFileSync(EDITED_FILE, 'utf8');
  const figure = (label: string) => {
    const tree = treeMemory(emulator.pid!);
    lines.push(
      tree
        ? `${label}: PSS ${tree.pssMb.toFixed(0)} MB (RSS summed ${tree.rssMb.toFixed(0)} MB), ${tree.processes.length} processes`
        : `${label}: n/a (no /proc here)`,
    );
    return tree?.pssMb ?? Number.NaN;
  };
  try {
    for (const deadline = Date.now() + 60_000; ; await settle(100)) {
      if (Date.now() > deadline) throw new Error('the emulator did not answer within 60 s');
      if (
        await fetch(`${base}/.well-known/jwks.json`).then(
          (response) => response.ok,
          () => false,
        )
      )
        break;
    }
    await settle(2000); // a first start's build: its process exits once it has answered
    figure('right after start');
    await everyFunctionJourney(base, 60);
    await settle(1000);
    const journey = figure(`after a journey through all functions (${warm.size} warm)`);
    lines.push(`  goal: all 12 warm, PSS ≤ 500 MB: ${warm.size >= 12 && journey <= 500 ? 'met' : 'missed'}`);
    const buildsBefore = builds;
    writeFileSync(EDITED_FILE, `${original}globalThis.__savedAt = ${Date.now()};\n`);
    for (const deadline = Date.now() + 30_000; builds === buildsBefore; await settle(50)) {
      if (Date.now() > deadline) throw new Error('no rebuild within 30 s of a saved change');
    }
    warm.clear();
    await everyFunctionJourney(base, 61);
    await settle(2000);
    const saved = figure(`after a saved change, all functions warm again on the new code (${warm.size} restarted)`);
    lines.push(`  goal: PSS ≤ 550 MB: ${saved <= 550 ? 'met' : 'missed'}`);
  } finally {
    writeFileSync(EDITED_FILE, original);
    // npm does not pass the signal on: the emulator's own process gets it (and stops its environments).
    for (const { pid } of treeMemory(emulator.pid!)?.processes ?? []) if (pid !== emulator.pid) process.kill(pid, 'SIGTERM');
    emulator.kill('SIGTERM');
  }
  return lines;
}
